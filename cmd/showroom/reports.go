package main

import (
	"context"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/ui/staff"
)

// reportsBackend counts the registration goal in the local store and asks
// the portal for the region's ranking.
type reportsBackend struct {
	db *localdb.DB
	// portal reports the goal by dealer; nil when the device is not
	// enrolled.
	portal func(ctx context.Context, q showroom.Quarter, by string) (api.RegistrationReport, error)
	// now is the clock that says which months have begun; time.Now when
	// nil.
	now func() time.Time
}

var _ staff.ReportsBackend = reportsBackend{}

// dealer is the device's dealer, from the store.
func (b reportsBackend) dealer(ctx context.Context) (showroom.Dealer, error) {
	code, err := b.db.Setting(ctx, localdb.SettingDealerCode)
	if err != nil {
		return showroom.Dealer{}, err
	}
	d, err := b.db.Dealer(ctx, code)
	if showroom.ErrorCode(err) == showroom.ENotFound {
		return showroom.Dealer{Code: code}, nil
	}
	return d, err
}

func (b reportsBackend) DealerReport(ctx context.Context, q showroom.Quarter) (staff.ReportData, error) {
	d, err := b.dealer(ctx)
	if err != nil {
		return staff.ReportData{}, err
	}
	out := staff.ReportData{DealerCode: d.Code, DealerName: d.Name, Quarter: q}
	from, to := q.Bounds()
	k, err := b.db.KPI(ctx, d.Code, from, to)
	if err != nil {
		return out, err
	}
	out.KPI = staff.KPI(k)
	// The twelve months up to the quarter's last, in Moscow time, or up to
	// this month in the quarter under way: a month to come has no figures.
	end := to
	clock := b.now
	if clock == nil {
		clock = time.Now
	}
	if now := clock().In(showroom.Moscow()); now.Before(to) {
		end = time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, showroom.Moscow())
	}
	first := end.AddDate(0, -12, 0)
	for m := first; m.Before(end); m = m.AddDate(0, 1, 0) {
		k, err := b.db.KPI(ctx, d.Code, m, m.AddDate(0, 1, 0))
		if err != nil {
			return out, err
		}
		out.Trend = append(out.Trend, staff.MonthKPI{Month: m, KPI: staff.KPI(k)})
	}
	staffRows, err := b.db.StaffKPIs(ctx, d.Code, from, to)
	if err != nil {
		return out, err
	}
	for _, s := range staffRows {
		out.Staff = append(out.Staff, staff.StaffKPI{Name: s.Name, Role: s.Role, Handovers: s.Handovers, Registrations: s.Registrations})
	}
	p := q
	for range 4 {
		p = previousQuarter(p)
		f, t := p.Bounds()
		k, err := b.db.KPI(ctx, d.Code, f, t)
		if err != nil {
			return out, err
		}
		out.Past = append(out.Past, staff.QuarterKPI{Quarter: p, KPI: staff.KPI(k)})
	}
	return out, nil
}

func previousQuarter(q showroom.Quarter) showroom.Quarter {
	start, _ := q.Bounds()
	return showroom.QuarterOf(start.Add(-time.Hour))
}

// RegionRanking takes the portal's report by dealer and keeps the dealers
// of this dealer's region, as the local dealer directory places them. A
// dealer whose region the directory does not give has no ranking
// (staff.ErrRankingNoRegion): the dealers the directory does not know
// have no region either, and would all pass for its neighbours.
func (b reportsBackend) RegionRanking(ctx context.Context, q showroom.Quarter) (string, []staff.RankRow, error) {
	if b.portal == nil {
		return "", nil, staff.ErrRankingNotEnrolled
	}
	me, err := b.dealer(ctx)
	if err != nil {
		return "", nil, err
	}
	if me.Region == "" {
		return "", nil, staff.ErrRankingNoRegion
	}
	rep, err := b.portal(ctx, q, "dealer")
	if err != nil {
		return me.Region, nil, err
	}
	dealers, err := b.db.Dealers(ctx)
	if err != nil {
		return me.Region, nil, err
	}
	region := make(map[string]string, len(dealers))
	for _, d := range dealers {
		region[d.Code] = d.Region
	}
	rows := []staff.RankRow{}
	for _, r := range rep.Rows {
		if region[r.Key] == me.Region {
			rows = append(rows, staff.RankRow{Code: r.Key, Name: r.Name, KPI: staff.KPI{Registrations: r.Registrations, Sales: r.Sales}})
		}
	}
	return me.Region, rows, nil
}
