package localdb

import (
	"fmt"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

// TestKPIOnAHandComputedFixture: dealer 006122 in 2012Q1, which in Moscow
// (UTC+4 then) runs from 2011-12-31T20:00Z to 2012-03-31T20:00Z; January
// ends at 2012-01-31T20:00Z. The rows, in Moscow time:
//
//	retail sales of 006122: 10 Jan (s1), 10 Feb (s1), 23:59:59 31 Mar and
//	00:00 1 Jan (the quarter's edges, both in); 00:00 1 Apr and
//	23:59:59 31 Dec (just outside); 2 corporate (11 Feb by s1, 12 Feb: not
//	counted); 1 retail of 007001 (credited to s1, another dealer).
//	registrations of 006122: kiosk 1 Jan; staff 10 Jan (s1); staff 20 Feb
//	(s2); staff at 00:30 1 Jan (s2; 20:30 UTC on 31 December, so in the
//	quarter by Moscow's calendar, not UTC's); a Welcome Pack account
//	2 Feb (not counted); kiosk at 00:30 1 Apr (next quarter); kiosk at
//	23:59 31 Dec (the quarter before); 1 kiosk of 007001.
//
//	→ 2012Q1: 4 registrations (kiosk 1 Jan, s1 10 Jan, s2 20 Feb, s2 00:30
//	  1 Jan), 4 sales (10 Jan, 10 Feb and the two edges).
//	→ January: 3 registrations (kiosk 1 Jan, s1 10 Jan, s2 00:30 1 Jan),
//	  2 sales (00:00 1 Jan, 10 Jan).
//	→ 2011Q4: 1 registration (kiosk 23:59 31 Dec), 1 sale (23:59:59 31 Dec).
//	→ staff in 2012Q1: s1 (Анна) handed over 3 cars (10 Jan, 10 Feb, the
//	  corporate 11 Feb) and registered 1; s2 (Борис) handed over none and
//	  registered 2; 3 sales are credited to nobody (the two edges and
//	  12 Feb corporate).
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
		reg("006122", "2011-12-31T20:30:00Z", showroom.SourceStaff, "s2") // 00:30 MSK 1 January: in
		reg("006122", "2012-03-31T20:30:00Z", showroom.SourceKiosk, "")   // 00:30 MSK 1 April: out
		reg("006122", "2011-12-31T19:59:00Z", showroom.SourceKiosk, "")   // 23:59 MSK 31 December: out
		reg("007001", "2012-01-20T10:00:00Z", showroom.SourceKiosk, "")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	q := showroom.Quarter{Year: 2012, Q: 1}
	from, to := q.Bounds()
	k, err := db.KPI(ctx, "006122", from, to)
	if err != nil || k != (KPICount{Registrations: 4, Sales: 4}) {
		t.Fatalf("quarter: %+v, %v", k, err)
	}
	jan, err := db.KPI(ctx, "006122", from, from.AddDate(0, 1, 0))
	if err != nil || jan != (KPICount{Registrations: 3, Sales: 2}) {
		t.Fatalf("January: %+v, %v", jan, err)
	}
	before, _ := showroom.Quarter{Year: 2011, Q: 4}.Bounds()
	q4, err := db.KPI(ctx, "006122", before, from)
	if err != nil || q4 != (KPICount{Registrations: 1, Sales: 1}) {
		t.Fatalf("2011Q4: %+v, %v", q4, err)
	}
	staff, err := db.StaffKPIs(ctx, "006122", from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := []StaffKPI{
		{StaffID: "s1", Name: "Анна Смирнова", Role: showroom.RoleSales, Handovers: 3, Registrations: 1},
		{StaffID: "s2", Name: "Борис Орлов", Role: showroom.RoleSales, Handovers: 0, Registrations: 2},
		{StaffID: "", Handovers: 3, Registrations: 0},
	}
	if fmt.Sprint(staff) != fmt.Sprint(want) {
		t.Fatalf("staff:\n got %+v\nwant %+v", staff, want)
	}
}
