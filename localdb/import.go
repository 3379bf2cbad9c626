package localdb

import (
	"context"
	"database/sql"
	"iter"
	"sync"

	"github.com/myrenault/showroom"
)

// Bulk loads of portal data: the first download of a device's cache, demo
// data and benchmarks. They write no outbox rows (nothing here is a local
// change) and commit every importBatch items, each batch one transaction
// with prepared statements. Items with a key already stored replace it.

const importBatch = 50_000

// loader is one batch's transaction and its prepared statements.
type loader struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// stmt returns the batch's prepared statement for query, preparing it the
// first time.
func (l *loader) stmt(query string) (*sql.Stmt, error) {
	if st, ok := l.stmts[query]; ok {
		return st, nil
	}
	st, err := l.tx.PrepareContext(l.ctx, query)
	if err != nil {
		return nil, err
	}
	l.stmts[query] = st
	return st, nil
}

func (l *loader) exec(query string, args ...any) (sql.Result, error) {
	st, err := l.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(l.ctx, args...)
}

// batchHooks run at the start and the end of every batch's transaction.
type batchHooks struct {
	start, finish func(*loader) error
}

// importSeq writes the items of seq in batches and returns how many it
// wrote. prep turns an item into what put writes; it runs in a goroutine of
// its own, together with seq, so that making the items overlaps writing
// them.
func importSeq[T, R any](ctx context.Context, db *DB, op string, seq iter.Seq[T], prep func(*T) R, put func(*loader, *R) error, h batchHooks) (n int, err error) {
	defer func() {
		if err != nil {
			err = wrap("import "+op, err)
		}
	}()
	// A large page cache while loading: the indexes of random keys
	// (refs, e-mails, VINs) are then written without re-reading pages.
	if _, err := db.w.ExecContext(ctx, `PRAGMA cache_size = -1048576`); err != nil {
		return 0, err
	}
	defer db.w.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = `+writerCacheSize)

	chunks, stop := produce(seq, prep)
	defer stop()
	var l *loader
	end := func(commit bool) error {
		if l == nil {
			return nil
		}
		defer func() { l = nil }()
		var err error
		if commit && h.finish != nil {
			err = h.finish(l)
		}
		for _, st := range l.stmts {
			st.Close()
		}
		if commit && err == nil {
			return l.tx.Commit()
		}
		l.tx.Rollback()
		return err
	}
	defer end(false)
	for chunk := range chunks {
		for i := range chunk {
			if l == nil {
				if err := ctx.Err(); err != nil {
					return n, err
				}
				tx, err := db.w.BeginTx(ctx, nil)
				if err != nil {
					return n, err
				}
				// Statements run without the caller's cancellation, which
				// would cost the driver a goroutine per statement; ctx is
				// checked between batches and cancels the transaction.
				l = &loader{ctx: context.WithoutCancel(ctx), tx: tx, stmts: map[string]*sql.Stmt{}}
				if h.start != nil {
					if err := h.start(l); err != nil {
						return n, err
					}
				}
			}
			if err := put(l, &chunk[i]); err != nil {
				return n, err
			}
			if n++; n%importBatch == 0 {
				if err := end(true); err != nil {
					return n, err
				}
			}
		}
	}
	return n, end(true)
}

// produce runs seq and prep in a goroutine and sends the results in
// chunks. stop ends the goroutine early and waits for it.
func produce[T, R any](seq iter.Seq[T], prep func(*T) R) (chunks <-chan []R, stop func()) {
	const chunkSize = 256
	ch := make(chan []R, 8)
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer close(ch)
		chunk := make([]R, 0, chunkSize)
		send := func() bool {
			select {
			case ch <- chunk:
				chunk = make([]R, 0, chunkSize)
				return true
			case <-quit:
				return false
			}
		}
		for item := range seq {
			if chunk = append(chunk, prep(&item)); len(chunk) == chunkSize && !send() {
				return
			}
		}
		if len(chunk) > 0 {
			send()
		}
	}()
	var once sync.Once
	return ch, func() {
		once.Do(func() { close(quit) })
		for range ch {
		}
		<-done
	}
}

// same is the prep of items written as they are.
func same[T any](t *T) T { return *t }

// ImportDealers loads the dealer directory.
func (db *DB) ImportDealers(ctx context.Context, seq iter.Seq[showroom.Dealer]) (int, error) {
	return importSeq(ctx, db, "dealers", seq, same, func(l *loader, d *showroom.Dealer) error {
		_, err := l.exec(upsertDealerSQL, dealerArgs(d)...)
		return err
	}, batchHooks{})
}

// ImportRegistry loads the factory registry.
func (db *DB) ImportRegistry(ctx context.Context, seq iter.Seq[showroom.FactoryRecord]) (int, error) {
	return importSeq(ctx, db, "registry", seq, same, func(l *loader, r *showroom.FactoryRecord) error {
		_, err := l.exec(upsertRecordSQL, recordArgs(r)...)
		return err
	}, batchHooks{})
}

// ImportOffers loads offers.
func (db *DB) ImportOffers(ctx context.Context, seq iter.Seq[showroom.Offer]) (int, error) {
	return importSeq(ctx, db, "offers", seq, same, func(l *loader, o *showroom.Offer) error {
		_, err := l.exec(upsertOfferSQL, offerArgs(o)...)
		return err
	}, batchHooks{})
}

// ImportRecalls loads recall campaigns with their VINs.
func (db *DB) ImportRecalls(ctx context.Context, seq iter.Seq[showroom.Recall]) (int, error) {
	return importSeq(ctx, db, "recalls", seq, same, func(l *loader, r *showroom.Recall) error {
		if _, err := l.exec(upsertRecallSQL, r.Campaign, dateText(r.Date), r.Title, r.Text, r.Remedy, r.Free); err != nil {
			return err
		}
		if _, err := l.exec(deleteRecallVINsSQL, r.Campaign); err != nil {
			return err
		}
		for _, v := range r.VINs {
			if _, err := l.exec(insertRecallVINSQL, v, r.Campaign); err != nil {
				return err
			}
		}
		return nil
	}, batchHooks{})
}

// ImportSales loads car sales.
func (db *DB) ImportSales(ctx context.Context, seq iter.Seq[showroom.Sale]) (int, error) {
	return importSeq(ctx, db, "sales", seq, same, func(l *loader, s *showroom.Sale) error {
		_, err := l.exec(upsertSaleSQL, s.VIN, saleDateText(s.Date), s.DealerCode, string(s.Kind), s.StaffID)
		return err
	}, batchHooks{})
}
