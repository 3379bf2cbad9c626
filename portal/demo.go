package portal

import (
	"context"
	"time"

	"github.com/myrenault/showroom/assets/demo"
)

// DemoSeed is the seed of the demo data; the showroom app's demo uses the
// same, so that the app and the portal show the same people and cars.
const DemoSeed = 6122

// DemoStats says how much LoadDemo loaded; it holds counts only.
type DemoStats struct {
	Dealer    string
	Dealers   int
	Customers int
	Records   int
	Sales     int
}

// LoadDemo fills an empty store with the generated demo data (the app's
// default sizes, dates around now) in one transaction. A store that already
// has dealers is left alone and the zero DemoStats returned.
func LoadDemo(ctx context.Context, s *SQLite, now time.Time) (DemoStats, error) {
	var st DemoStats
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM dealers`).Scan(&n); err != nil || n > 0 {
		return st, err
	}
	sizes := demo.DefaultSizes()
	sizes.Now = now.UTC().Truncate(24 * time.Hour)
	g := demo.New(DemoSeed, sizes)
	st.Dealer = g.Dealer().Code
	err := s.Load(ctx, func(l *Loader) error {
		for _, d := range g.Dealers() {
			if err := l.Dealer(d); err != nil {
				return err
			}
			st.Dealers++
		}
		for _, m := range g.Models() {
			if err := l.Model(m); err != nil {
				return err
			}
		}
		for _, p := range g.ServicePrograms() {
			if err := l.ServiceProgram(p); err != nil {
				return err
			}
		}
		for _, u := range g.Staff() {
			if err := l.Staff(u); err != nil {
				return err
			}
		}
		for r := range g.Registry() {
			if err := l.Record(r); err != nil {
				return err
			}
			st.Records++
		}
		for _, o := range g.Offers() {
			if err := l.Offer(o); err != nil {
				return err
			}
		}
		for _, r := range g.Recalls() {
			if err := l.Recall(r); err != nil {
				return err
			}
		}
		for sale := range g.Sales() {
			if err := l.Sale(sale); err != nil {
				return err
			}
			st.Sales++
		}
		for c := range g.Cabinets() {
			if err := l.Cabinet(c); err != nil {
				return err
			}
			st.Customers++
		}
		return nil
	})
	if err != nil {
		return DemoStats{}, err
	}
	return st, nil
}
