package localdb

import (
	"fmt"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

// TestKPIOnAHandComputedFixture: dealer 006122 in 2012Q1, which in Moscow
// (UTC+4 then) runs from 2011-12-31T20:00Z to 2012-03-31T20:00Z.
//
//	retail sales in the quarter: 4 (two at its edges); 2 just outside; 2
//	corporate; 1 retail of another dealer.
//	registrations: kiosk 1, staff 2 (one by s1, one at 00:30 MSK 1 January),
//	a Welcome Pack account (not counted), a kiosk one at 00:30 MSK 1 April
//	(next quarter), one of another dealer.
//	→ 3 registrations, 4 sales. January: 2 registrations (the kiosk one on
//	1 January, the staff one of 10 January), 2 sales.
//	Staff: s1 (Анна) handed over 3 cars (one corporate) and registered 1;
//	s2 (Борис) registered 1; 3 sales are credited to nobody.
func TestKPIOnAHandComputedFixture(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	n := 0
	err := db.Update(ctx, func(tx *Tx) error {
		for _, u := range []showroom.StaffUser{
			{ID: "s1", DealerCode: "006122", Name: "Анна Смирнова", Role: showroom.RoleSales, Active: true},
			{ID: "s2", DealerCode: "006122", Name: "Борис Орлов", Role: showroom.RoleSales, Active: true},
		} {
			if err := tx.PutStaffUser(u); err != nil {
				return err
			}
		}
		sale := func(dealer, at string, kind showroom.SaleKind, staff string) {
			n++
			vin := fmt.Sprintf("VF1LZBR05426%05d", n)
			if err := tx.PutSale(showroom.Sale{VIN: vin, DealerCode: dealer, Date: utc(at), Kind: kind, StaffID: staff}); err != nil {
				t.Fatal(err)
			}
		}
		reg := func(dealer, at string, src showroom.Source, staff string) {
			n++
			c := showroom.Customer{Ref: fmt.Sprintf("ref-%d", n), ID: fmt.Sprintf("100000%02d", n), State: showroom.StateActive,
				DealerCode: dealer, Source: src, StaffID: staff, CreatedAt: utc(at),
				Personal: showroom.PersonalData{FirstName: "Имя", LastName: "Фамилия", Email: fmt.Sprintf("c%d@example.ru", n)}}
			if _, err := tx.PutCustomer(c); err != nil {
				t.Fatal(err)
			}
		}
		sale("006122", "2012-01-10T10:00:00Z", showroom.SaleRetail, "s1")
		sale("006122", "2012-02-10T10:00:00Z", showroom.SaleRetail, "s1")
		sale("006122", "2012-03-31T19:59:59Z", showroom.SaleRetail, "") // 23:59:59 MSK 31 March
		sale("006122", "2011-12-31T20:00:00Z", showroom.SaleRetail, "") // 00:00 MSK 1 January
		sale("006122", "2012-03-31T20:00:00Z", showroom.SaleRetail, "") // 00:00 MSK 1 April: out
		sale("006122", "2011-12-31T19:59:59Z", showroom.SaleRetail, "") // out
		sale("006122", "2012-02-11T10:00:00Z", showroom.SaleCorporate, "s1")
		sale("006122", "2012-02-12T10:00:00Z", showroom.SaleCorporate, "")
		sale("007001", "2012-02-12T10:00:00Z", showroom.SaleRetail, "s1") // another dealer
		reg("006122", "2012-01-01T10:00:00Z", showroom.SourceKiosk, "")
		reg("006122", "2012-01-10T10:00:00Z", showroom.SourceStaff, "s1")
		reg("006122", "2012-02-20T10:00:00Z", showroom.SourceStaff, "s2")
		reg("006122", "2012-02-02T10:00:00Z", showroom.SourceWelcomePack, "")
		reg("006122", "2012-03-31T20:30:00Z", showroom.SourceKiosk, "")
		reg("007001", "2012-01-20T10:00:00Z", showroom.SourceKiosk, "")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	q := showroom.Quarter{Year: 2012, Q: 1}
	from, to := q.Bounds()
	k, err := db.KPI(ctx, "006122", from, to)
	if err != nil || k != (KPICount{Registrations: 3, Sales: 4}) {
		t.Fatalf("quarter: %+v, %v", k, err)
	}
	jan, err := db.KPI(ctx, "006122", from, from.AddDate(0, 1, 0))
	if err != nil || jan != (KPICount{Registrations: 2, Sales: 2}) {
		t.Fatalf("January: %+v, %v", jan, err)
	}
	staff, err := db.StaffKPIs(ctx, "006122", from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := []StaffKPI{
		{StaffID: "s1", Name: "Анна Смирнова", Role: showroom.RoleSales, Handovers: 3, Registrations: 1},
		{StaffID: "s2", Name: "Борис Орлов", Role: showroom.RoleSales, Handovers: 0, Registrations: 1},
		{StaffID: "", Handovers: 3, Registrations: 0},
	}
	if fmt.Sprint(staff) != fmt.Sprint(want) {
		t.Fatalf("staff:\n got %+v\nwant %+v", staff, want)
	}
}
