package main

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/localdb"
)

// demoSeed makes every demo folder hold the same people and cars, so that a
// screenshot, a README and a colleague's screen agree.
const demoSeed = 6122

// fillDemo loads the generated demo data into an empty store and makes the
// device a desk of dealer 006122. A store that already holds customers is
// left as it is: --demo never overwrites work.
func fillDemo(ctx context.Context, db *localdb.DB, log *slog.Logger) error {
	st, err := db.Stats(ctx)
	if err != nil {
		return err
	}
	if st.Customers > 0 {
		return nil
	}
	start := time.Now()
	sizes := demo.DefaultSizes()
	sizes.Now = time.Now().UTC().Truncate(24 * time.Hour) // recent arrivals look recent
	g := demo.New(demoSeed, sizes)
	steps := []func() (int, error){
		func() (int, error) { return db.ImportDealers(ctx, slices.Values(g.Dealers())) },
		func() (int, error) { return db.ImportRegistry(ctx, g.Registry()) },
		func() (int, error) { return db.ImportOffers(ctx, slices.Values(g.Offers())) },
		func() (int, error) { return db.ImportRecalls(ctx, slices.Values(g.Recalls())) },
		func() (int, error) { return db.ImportSales(ctx, g.Sales()) },
		func() (int, error) { return db.ImportCabinets(ctx, g.Cabinets()) },
		func() (int, error) { return fillCatalogue(ctx, db, g) },
	}
	for _, step := range steps {
		if _, err := step(); err != nil {
			return err
		}
	}
	if err := db.SetSetting(ctx, localdb.SettingDealerCode, g.Dealer().Code); err != nil {
		return err
	}
	log.Info("demo data loaded", "dealer", g.Dealer().Code, "customers", sizes.Customers, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// fillCatalogue keeps the demo's model catalogue and «Мой сервис»
// programmes, which the portal's pull would bring: the cabinet's calendar
// and service section work offline from the first start.
func fillCatalogue(ctx context.Context, db *localdb.DB, g *demo.Generator) (int, error) {
	models, programs := g.Models(), g.ServicePrograms()
	err := db.Update(ctx, func(tx *localdb.Tx) error {
		for _, m := range models {
			if err := tx.PutModel(m); err != nil {
				return err
			}
		}
		for _, p := range programs {
			if err := tx.PutServiceProgram(p); err != nil {
				return err
			}
		}
		return nil
	})
	return len(models) + len(programs), err
}
