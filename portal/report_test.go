package portal

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// TestRegistrationReport checks the KPI against a fixture computed by hand.
// 2012Q1 in Moscow time (UTC+4 then) runs from 2011-12-31T20:00Z to
// 2012-03-31T20:00Z.
//
//	dealer A (Свердловская область): retail sales in Q 4 (two at the edges),
//	  2 outside, 2 corporate; registrations in Q 2 (kiosk, staff), plus a
//	  Welcome Pack account and a kiosk one just after the quarter → 2/4 = 0.5
//	dealer B (Москва): 5 retail sales, 1 registration with no sale → 0.2
//	dealer C (Свердловская область): 1 registration, no sales → rate null
//	by region: Свердловская 3/4 = 0.75, Москва 1/5 = 0.2
func TestRegistrationReport(t *testing.T) {
	p := newTestPortal(t)
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	const dealerC = "006300"
	n := 0
	err := p.store.Load(context.Background(), func(l *Loader) error {
		if err := l.Dealer(showroom.Dealer{Code: dealerC, Name: "Рено Нижний Тагил", Region: "Свердловская область"}); err != nil {
			return err
		}
		sale := func(dealer, at string, kind showroom.SaleKind) {
			n++
			if err := l.Sale(showroom.Sale{VIN: fmt.Sprintf("S%02d", n), DealerCode: dealer, Date: utc(at), Kind: kind}); err != nil {
				t.Fatal(err)
			}
		}
		reg := func(dealer, at string, src showroom.Source) {
			n++
			c := showroom.Customer{ID: fmt.Sprintf("100000%02d", n), State: showroom.StatePending, DealerCode: dealer, Source: src, CreatedAt: utc(at)}
			if err := l.Cabinet(showroom.Cabinet{Customer: c}); err != nil {
				t.Fatal(err)
			}
		}
		sale(dealerA, "2012-01-10T10:00:00Z", showroom.SaleRetail)
		sale(dealerA, "2012-02-10T10:00:00Z", showroom.SaleRetail)
		sale(dealerA, "2012-03-31T19:59:59Z", showroom.SaleRetail) // 23:59:59 MSK, 31 March
		sale(dealerA, "2011-12-31T20:00:00Z", showroom.SaleRetail) // 00:00 MSK, 1 January
		sale(dealerA, "2012-03-31T20:00:00Z", showroom.SaleRetail) // 00:00 MSK, 1 April: out
		sale(dealerA, "2011-12-31T19:59:59Z", showroom.SaleRetail) // out
		sale(dealerA, "2012-02-11T10:00:00Z", showroom.SaleCorporate)
		sale(dealerA, "2012-02-12T10:00:00Z", showroom.SaleCorporate)
		reg(dealerA, "2012-02-01T10:00:00Z", showroom.SourceKiosk)
		reg(dealerA, "2011-12-31T21:00:00Z", showroom.SourceStaff)
		reg(dealerA, "2012-02-02T10:00:00Z", showroom.SourceWelcomePack)
		reg(dealerA, "2012-03-31T20:30:00Z", showroom.SourceKiosk)
		for i := range 5 {
			sale(dealerB, fmt.Sprintf("2012-03-%02dT10:00:00Z", i+1), showroom.SaleRetail)
		}
		reg(dealerB, "2012-01-20T10:00:00Z", showroom.SourceKiosk)
		reg(dealerC, "2012-01-21T10:00:00Z", showroom.SourceStaff)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	token := p.enroll(t, dealerA)
	rate := func(f float64) *float64 { return &f }
	tests := []struct {
		by   string
		want []api.ReportRow
	}{
		{"dealer", []api.ReportRow{
			{Key: dealerA, Name: "Автомир-Екатеринбург", Registrations: 2, Sales: 4, Rate: rate(0.5)},
			{Key: dealerC, Name: "Рено Нижний Тагил", Registrations: 1, Sales: 0},
			{Key: dealerB, Name: "Автомир-Москва", Registrations: 1, Sales: 5, Rate: rate(0.2)},
		}},
		{"region", []api.ReportRow{
			{Key: "Москва", Name: "Москва", Registrations: 1, Sales: 5, Rate: rate(0.2)},
			{Key: "Свердловская область", Name: "Свердловская область", Registrations: 3, Sales: 4, Rate: rate(0.75)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.by, func(t *testing.T) {
			var rep api.RegistrationReport
			if st := p.do(t, "GET", "/api/v1/reports/registrations?quarter=2012Q1&by="+tt.by, token, nil, &rep); st != 200 {
				t.Fatalf("status %d", st)
			}
			if rep.Quarter != "2012Q1" || rep.Target != 0.2 || len(rep.Rows) != len(tt.want) {
				t.Fatalf("report %+v", rep)
			}
			for i, w := range tt.want {
				g := rep.Rows[i]
				if g.Key != w.Key || g.Name != w.Name || g.Registrations != w.Registrations || g.Sales != w.Sales ||
					(g.Rate == nil) != (w.Rate == nil) || g.Rate != nil && *g.Rate != *w.Rate {
					t.Errorf("row %d = %+v (rate %v), want %+v", i, g, g.Rate, w)
				}
			}
		})
	}
	csvTests := []struct {
		by, want string
	}{
		// Dealer C has no retail sales: its rate cell is empty, not 0.
		{"dealer", "key,name,registrations,sales,rate,target\n" +
			"006122,Автомир-Екатеринбург,2,4,0.5000,0.2\n" +
			"006300,Рено Нижний Тагил,1,0,,0.2\n" +
			"007001,Автомир-Москва,1,5,0.2000,0.2\n"},
		{"region", "key,name,registrations,sales,rate,target\n" +
			"Москва,Москва,1,5,0.2000,0.2\n" +
			"Свердловская область,Свердловская область,3,4,0.7500,0.2\n"},
	}
	for _, tt := range csvTests {
		t.Run("csv by "+tt.by, func(t *testing.T) {
			resp := p.raw(t, "GET", "/api/v1/reports/registrations?quarter=2012Q1&by="+tt.by, token, nil, map[string]string{"Accept": "text/csv"})
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") || string(b) != tt.want {
				t.Errorf("%d %s:\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "registrations-2012Q1-"+tt.by+".csv") {
				t.Errorf("Content-Disposition %q", cd)
			}
		})
	}
	for _, by := range []string{"city", "DEALER", "dealer,region"} {
		var e api.ErrorBody
		if st := p.do(t, "GET", "/api/v1/reports/registrations?quarter=2012Q1&by="+by, token, nil, &e); st != http.StatusBadRequest ||
			e.Error.Code != showroom.EInvalid || e.Error.Field != "by" {
			t.Errorf("by=%s: %d %+v", by, st, e.Error)
		}
	}
	for _, q := range []string{"", "2012Q5", "2012-01", "Q1"} {
		var e api.ErrorBody
		if st := p.do(t, "GET", "/api/v1/reports/registrations?quarter="+q, token, nil, &e); st != http.StatusBadRequest || e.Error.Code != "bad_quarter" {
			t.Errorf("quarter %q: %d %s", q, st, e.Error.Code)
		}
	}
}
