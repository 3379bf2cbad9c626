package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

// TestReportsCountTheDemoAsTheDomainRulesDo fills a store with the demo
// and a portal with the same demo, then checks the desk's report against
// a count made directly with the domain's rules over the generator's data,
// and the region's ranking against the portal's.
func TestReportsCountTheDemoAsTheDomainRulesDo(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	dir := t.TempDir()
	copyDemoStore(t, dir)
	db, err := localdb.Open(ctx, dbPath(dir), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := portal.OpenSQLite(ctx, filepath.Join(t.TempDir(), "portal.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	if _, err := portal.LoadDemo(ctx, st, now); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(portal.NewServer(portal.Config{Store: st, Mailer: portal.DirMailer{Dir: t.TempDir()}, Log: log}))
	defer srv.Close()
	code, err := st.NewEnrollCode(ctx, "006122", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := sync.Enroll(ctx, sync.Enrollment{PortalURL: srv.URL, Code: code, Name: "Стойка", Kind: api.KindDesk}, sync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	client, err := sync.NewClient(dev, sync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := reportsBackend{db: db, portal: client.RegistrationReport}

	// The domain's count, straight from the generator (the demo's dates
	// are counted from the start of today, as fillDemo makes them).
	sizes := demo.DefaultSizes()
	sizes.Now = time.Now().UTC().Truncate(24 * time.Hour)
	g := demo.New(demoSeed, sizes)
	q := showroom.QuarterOf(sizes.Now)
	var want struct{ regs, sales int }
	for cab := range g.Cabinets() {
		c := cab.Customer
		if c.DealerCode == "006122" && showroom.CountsAsRegistration(c) && showroom.QuarterOf(c.CreatedAt) == q {
			want.regs++
		}
	}
	for s := range g.Sales() {
		if s.DealerCode == "006122" && showroom.CountsAsSale(s) && showroom.QuarterOf(s.Date) == q {
			want.sales++
		}
	}
	b.now = func() time.Time { return sizes.Now }
	got, err := b.DealerReport(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if got.Registrations != want.regs || got.Sales != want.sales || want.sales == 0 {
		t.Fatalf("quarter %v: %d registrations / %d sales, the rules count %d / %d", q, got.Registrations, got.Sales, want.regs, want.sales)
	}
	if len(got.Trend) != 12 || len(got.Past) != 4 || got.DealerName == "" {
		t.Fatalf("trend %d months, %d past quarters, dealer %q", len(got.Trend), len(got.Past), got.DealerName)
	}
	// The quarter's months so far add up to the quarter, and the trend
	// ends with this month.
	var sum struct{ r, s int }
	for _, m := range got.Trend {
		if showroom.QuarterOf(m.Month) == q {
			sum.r += m.Registrations
			sum.s += m.Sales
		}
	}
	if last := got.Trend[len(got.Trend)-1].Month; last.Month() != sizes.Now.In(showroom.Moscow()).Month() {
		t.Fatalf("the trend ends in %v", last)
	}
	if sum.r != got.Registrations || sum.s != got.Sales {
		t.Fatalf("the quarter's months hold %d/%d, the quarter %d/%d", sum.r, sum.s, got.Registrations, got.Sales)
	}
	var handovers int
	for _, s := range got.Staff {
		handovers += s.Handovers
	}
	if handovers < got.Sales {
		t.Fatalf("%d handovers for %d retail sales", handovers, got.Sales)
	}

	region, rows, err := b.RegionRanking(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := db.Dealer(ctx, "006122")
	if region != me.Region || len(rows) < 2 {
		t.Fatalf("region %q with %d dealers", region, len(rows))
	}
	found := false
	for _, r := range rows {
		d, err := db.Dealer(ctx, r.Code)
		if err != nil || d.Region != region {
			t.Fatalf("dealer %s of region %q in the ranking of %q", r.Code, d.Region, region)
		}
		if r.Code == "006122" {
			found = true
			// The portal counts the same demo with the same rules.
			if r.Registrations != got.Registrations || r.Sales != got.Sales {
				t.Fatalf("portal %d/%d, device %d/%d", r.Registrations, r.Sales, got.Registrations, got.Sales)
			}
		}
	}
	if !found {
		t.Fatal("the dealer is missing from its region's ranking")
	}
	if _, _, err := (reportsBackend{db: db}).RegionRanking(ctx, q); err == nil {
		t.Fatal("a device without a portal got a ranking")
	}
}

// TestRankingNeedsTheDealersRegion: the portal's report names dealers the
// device's directory may not know. A dealer whose own region the device
// does not know gets no ranking, and says why, rather than a ranking of
// every dealer without a known region; one whose region is known gets its
// region's dealers only.
func TestRankingNeedsTheDealersRegion(t *testing.T) {
	ctx := context.Background()
	db, err := localdb.Open(ctx, filepath.Join(t.TempDir(), "showroom.db"), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ImportDealers(ctx, slices.Values([]showroom.Dealer{
		{Code: "006200", Name: "Рено Пермь", Region: "Пермский край"},
		{Code: "006300", Name: "Рено Нижний Тагил", Region: "Свердловская область"},
	})); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, localdb.SettingDealerCode, "006122"); err != nil {
		t.Fatal(err)
	}
	report := func(_ context.Context, q showroom.Quarter, by string) (api.RegistrationReport, error) {
		return api.RegistrationReport{Quarter: q.String(), Rows: []api.ReportRow{
			{Key: "006122", Name: "Автомир-Екатеринбург", Registrations: 35, Sales: 200},
			{Key: "006200", Name: "Рено Пермь", Registrations: 30, Sales: 100},
			{Key: "006300", Name: "Рено Нижний Тагил", Registrations: 3, Sales: 10},
			{Key: "009999", Name: "Дилер, которого нет в справочнике", Registrations: 9, Sales: 9},
		}}, nil
	}
	b := reportsBackend{db: db, portal: report}
	q := showroom.Quarter{Year: 2026, Q: 4}

	region, rows, err := b.RegionRanking(ctx, q)
	if !errors.Is(err, staff.ErrRankingNoRegion) || region != "" || rows != nil {
		t.Fatalf("a dealer missing from the directory: region %q, rows %+v, %v", region, rows, err)
	}

	if _, err := db.ImportDealers(ctx, slices.Values([]showroom.Dealer{
		{Code: "006122", Name: "Автомир-Екатеринбург", Region: "Свердловская область"}})); err != nil {
		t.Fatal(err)
	}
	region, rows, err = b.RegionRanking(ctx, q)
	if err != nil || region != "Свердловская область" || len(rows) != 2 || rows[0].Code != "006122" || rows[1].Code != "006300" {
		t.Fatalf("the region's ranking: region %q, rows %+v, %v", region, rows, err)
	}
	if _, _, err := (reportsBackend{db: db}).RegionRanking(ctx, q); !errors.Is(err, staff.ErrRankingNotEnrolled) {
		t.Fatalf("a device without a portal: %v", err)
	}
}
