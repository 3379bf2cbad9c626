package portal

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// TestPullPageLimits: a page holds api.DefaultPullLimit changes unless limit
// says otherwise, never more than api.MaxPullLimit, and a limit that is not
// a whole number ≥ 1 is refused rather than guessed at.
func TestPullPageLimits(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	// The changes are written straight into the feed: what is paged here is
	// the feed, and a loader writing 5,000 offers takes seconds under -race.
	_, err := p.store.w.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO changes (type, entity_id, deleted, data, dealer)
		SELECT ?, 'paging-' || i, 0, json_object('id', 'paging-' || i, 'title', 'Offer'), NULL FROM n`,
		api.MaxPullLimit, api.ChangeOffer) // with the fixture's changes, more than a page can hold
	if err != nil {
		t.Fatal(err)
	}
	var total int
	if err := p.store.r.QueryRow(`SELECT count(*) FROM changes WHERE dealer IS NULL OR dealer = ?`, dealerA).Scan(&total); err != nil {
		t.Fatal(err)
	}
	if total <= api.MaxPullLimit {
		t.Fatalf("%d changes in scope, too few to show the cap", total)
	}
	pull := func(query string) api.PullResponse {
		t.Helper()
		var page api.PullResponse
		if st := p.do(t, "GET", "/api/v1/sync/pull"+query, token, nil, &page); st != http.StatusOK {
			t.Fatalf("%s: status %d", query, st)
		}
		return page
	}
	for _, tt := range []struct {
		query string
		n     int
	}{
		{"", api.DefaultPullLimit},
		{"?limit=", api.DefaultPullLimit},
		{"?limit=1", 1},
		{"?limit=" + strconv.Itoa(api.MaxPullLimit), api.MaxPullLimit},
	} {
		page := pull(tt.query)
		if len(page.Changes) != tt.n || !page.More {
			t.Errorf("%q: %d changes, more %v; want %d and more", tt.query, len(page.Changes), page.More, tt.n)
			continue
		}
		if last := page.Changes[tt.n-1].Seq; page.Next != strconv.FormatInt(last, 10) {
			t.Errorf("%q: next %q, last seq %d", tt.query, page.Next, last)
		}
	}
	// A limit over the cap gets pages of the cap, which read the whole feed
	// in order, each change once.
	var seqs []int64
	for cursor, more := "", true; more; {
		page := pull("?limit=" + strconv.Itoa(api.MaxPullLimit+1) + "&since=" + cursor)
		if page.More && len(page.Changes) != api.MaxPullLimit || len(page.Changes) > api.MaxPullLimit {
			t.Fatalf("a page of %d changes, more %v", len(page.Changes), page.More)
		}
		for _, c := range page.Changes {
			seqs = append(seqs, c.Seq)
		}
		cursor, more = page.Next, page.More
	}
	if len(seqs) != total {
		t.Errorf("%d changes read, %d in scope", len(seqs), total)
	}
	for i := 1; i < len(seqs); i++ {
		if seqs[i] <= seqs[i-1] {
			t.Fatalf("seq %d after %d", seqs[i], seqs[i-1])
		}
	}
	for _, limit := range []string{"0", "-1", "-5000", "abc", "1.5", "5e3", "99999999999999999999"} {
		resp := p.raw(t, "GET", "/api/v1/sync/pull?limit="+limit, token, nil, nil)
		var e api.ErrorBody
		decodeBody(t, resp, &e)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || e.Error.Code != showroom.EInvalid || e.Error.Field != "limit" {
			t.Errorf("limit=%s: %d %+v; want 400 invalid at limit", limit, resp.StatusCode, e.Error)
		}
	}
}

// TestPullPagesAreTheDealersScopeInSeqOrder: whatever the cursor and the
// page size, a page is the next changes of the feed that every device sees
// or the device's dealer sees, in seq order (deletions and changes without
// data included), with more and next as the whole scope says — the same as
// reading the scope with one filter over the feed. Another dealer's
// changes never appear.
func TestPullPagesAreTheDealersScopeInSeqOrder(t *testing.T) {
	p := newTestPortal(t)
	ctx := t.Context()
	// Runs of each scope, of uneven lengths, so that a page often ends in
	// the middle of one and the next begins in another.
	scopes := []any{nil, dealerA, dealerB, dealerA, nil, nil, dealerB, dealerB, dealerB, dealerA, nil, dealerA, dealerA}
	for i := range 60 {
		dealer := scopes[i%len(scopes)]
		deleted, data := 0, any(`{"n":`+strconv.Itoa(i)+`}`)
		if i%5 == 0 {
			deleted, data = 1, nil
		}
		_, err := p.store.w.Exec(`INSERT INTO changes (type, entity_id, deleted, data, dealer) VALUES (?, ?, ?, ?, ?)`,
			api.ChangeMessage, "scope-"+strconv.Itoa(i), deleted, data, dealer)
		if err != nil {
			t.Fatal(err)
		}
	}
	var seqs []int64
	var scope []api.Change
	rows, err := p.store.r.Query(`SELECT seq, type, entity_id, deleted, data, dealer IS NULL OR dealer = ? FROM changes ORDER BY seq`, dealerA)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c api.Change
		var data *string
		var in bool
		if err := rows.Scan(&c.Seq, &c.Type, &c.ID, &c.Deleted, &data, &in); err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, c.Seq)
		c.Data = json.RawMessage("null")
		if data != nil {
			c.Data = json.RawMessage(*data)
		}
		if in {
			scope = append(scope, c)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	dev := Device{ID: "scope-test", Dealer: dealerA}
	// Cursors at every seq of the feed, whichever scope it belongs to, and
	// beyond its end.
	cursors := append([]int64{0}, seqs...)
	cursors = append(cursors, seqs[len(seqs)-1]+10)
	for _, limit := range []int{1, 2, 3, 7, 500} {
		for _, since := range cursors {
			var rest []api.Change
			for _, c := range scope {
				if c.Seq > since {
					rest = append(rest, c)
				}
			}
			want := api.PullResponse{Changes: rest[:min(limit, len(rest))], More: len(rest) > limit, Next: strconv.FormatInt(since, 10)}
			if want.Changes == nil {
				want.Changes = []api.Change{}
			}
			if n := len(want.Changes); n > 0 {
				want.Next = strconv.FormatInt(want.Changes[n-1].Seq, 10)
			}
			got, err := p.store.Pull(ctx, dev, since, limit)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("limit %d since %d:\n got %+v\nwant %+v", limit, since, got, want)
			}
		}
	}
}

// TestPullReadsOnlyThePage: a page of the feed is found through
// changes_dealer in seq order, not by sorting the rest of the feed, which
// for a new device's catch-up is the whole feed for every page.
func TestPullReadsOnlyThePage(t *testing.T) {
	p := newTestPortal(t)
	rows, err := p.store.r.Query(`EXPLAIN QUERY PLAN `+pullSQL, 0, dealerA, 501)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(plan, "; ")
	if strings.Contains(text, "TEMP B-TREE") || strings.Contains(text, "SCAN") ||
		strings.Count(text, "SEARCH changes USING INDEX changes_dealer") != 2 {
		t.Errorf("plan of a page: %s", text)
	}
}
