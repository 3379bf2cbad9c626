package portal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/myrenault/showroom"
)

// importTables are the tables each kind of import writes: a file that
// fails must leave every one of them as it was. The registry enters no
// change feed, so the feed alone would not show a vehicles file half kept.
var importTables = map[string][]string{
	"dealers":  {"dealers", "changes"},
	"vehicles": {"registry"},
	"orders":   {"orders", "changes"},
	"recalls":  {"recalls", "recall_vins", "messages", "changes"},
	"offers":   {"offers", "changes"},
	"sales":    {"sales", "changes", "customers", "vehicles", "saved_dealers", "messages", "counters"},
}

// tableDigest is a hash of every row of a table, so that a row replaced
// shows as well as a row added.
func tableDigest(t testing.TB, p *testPortal, table string) string {
	t.Helper()
	rows, err := p.store.r.Query(`SELECT * FROM ` + table + ` ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	h := sha256.New()
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%q\n", vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// importDigests are the digests of the tables a kind of import writes.
func importDigests(t testing.TB, p *testPortal, kind string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, table := range importTables[kind] {
		out[table] = tableDigest(t, p, table)
	}
	return out
}

// TestImport: a good file loads and writes its kind's tables; a bad one is
// reported at its line and field and leaves them as they were. Each bad
// file has good rows before the bad one (some replacing rows of the
// fixture), so a half-kept file would show.
func TestImport(t *testing.T) {
	const (
		dealersHead  = "code,name,region,city,address,phone,email,lat,lon\n"
		vehiclesHead = "vin,model,version,body,engine_number,build_date,equipment\n"
		ordersHead   = "order_number,status,at,vin\n"
		recallsHead  = "campaign,date,title,text,remedy,free,vins\n"
		offersHead   = "id,title,value,conditions,models,min_age_months,max_age_months,min_mileage,max_mileage,dealers,regions,valid_from,valid_to\n"
		salesHead    = "vin,dealer,date,kind,staff_id\n"
	)
	goodVehicle := vinN(1) + ",Logan,,,K7J710123456,2011-03-01,\n"
	tests := []struct {
		name, kind, csv string
		rows            int
		line            int
		field           string
	}{
		{"dealers", "dealers", dealersHead + "006200,\"Рено, Пермь\",Пермский край,Пермь,,,,58.0,56.2\n", 1, 0, ""},
		{"dealers bad code", "dealers", dealersHead + "006122,Переименован,R,,,,,,\n006200,A,R,,,,,,\n62,B,R,,,,,,\n", 0, 4, "code"},
		{"dealers short header", "dealers", "code,name\n006200,A\n", 0, 1, "region"},
		{"dealers unknown column", "dealers", strings.TrimSuffix(dealersHead, "\n") + ",fax\n006200,A,R,,,,,,,\n", 0, 1, ""},
		{"dealers short row", "dealers", dealersHead + "006200,A,R,,,,,,\n006201,B\n", 0, 3, "region"},
		{"vehicles", "vehicles", vehiclesHead + vinN(1) + ",Logan,Prestige,sedan,K7J 710 123456,2011-03-01,ABS;кондиционер\n", 1, 0, ""},
		{"vehicles bad vin", "vehicles", vehiclesHead + goodVehicle + "VF1-BAD,Logan,,,K7J710123456,2011-03-01,\n", 0, 3, "vin"},
		{"vehicles bad date", "vehicles", vehiclesHead + goodVehicle + vinN(2) + ",Logan,,,K7J710123456,01.03.2011,\n", 0, 3, "build_date"},
		{"vehicles replaced then bad", "vehicles", vehiclesHead + knownVIN + ",Megane,,,K4MA690C123456,2011-05-03,\n" + vinN(2) + ",,,,K7J710123456,2011-03-01,\n", 0, 3, "model"},
		{"vehicles long row", "vehicles", vehiclesHead + goodVehicle + vinN(2) + ",Logan,,,K7J710123456,2011-03-01,,extra\n", 0, 3, ""},
		{"orders", "orders", ordersHead + "0061220040299,2,2026-10-01T08:00:00Z,\n0061220040299,4,2026-11-20T12:30:00Z," + vinN(2) + "\n", 2, 0, ""},
		{"orders bad status", "orders", ordersHead + orderNum + ",4,2026-10-01,\n0061220040299,7,2026-10-01,\n", 0, 3, "status"},
		{"recalls", "recalls", recallsHead + "0BCF,2012-01-31,Жгут,Текст,Хомут,yes," + knownVIN + ";" + vinN(3) + "\n", 1, 0, ""},
		{"recalls bad free", "recalls", recallsHead + "0BCE,2012-01-31,Жгут,,,no," + knownVIN + "\n0BCF,2012-01-31,Жгут,,,maybe,\n", 0, 3, "free"},
		{"offers", "offers", offersHead + "o1,200 ₽,200,,Logan;Duster,12,,,,006122,,2026-01-01,2026-12-31\n", 1, 0, ""},
		{"offers bad age", "offers", offersHead + offerID + ",Новое,300,,,,,,,,,2026-01-01,2026-12-31\no1,200 ₽,200,,,-1,,,,,,2026-01-01,2026-12-31\n", 0, 3, "min_age_months"},
		{"sales", "sales", salesHead + vinN(4) + ",006122,2012-02-01,retail,\n" + vinN(5) + ",006122,2012-02-01,corporate,s1\n", 2, 0, ""},
		{"sales bad kind", "sales", salesHead + vinN(5) + ",006122,2012-02-01,retail,\n" + vinN(4) + ",006122,2012-02-01,fleet,\n", 0, 3, "kind"},
		{"sales short row", "sales", salesHead + vinN(5) + ",006122,2012-02-01,retail,\n" + vinN(4) + ",006122,2012-02-01\n", 0, 3, "kind"},
		{"empty file", "sales", "", 0, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestPortal(t)
			before := importDigests(t, p, tt.kind)
			n, err := p.store.Import(context.Background(), tt.kind, strings.NewReader(tt.csv))
			after := importDigests(t, p, tt.kind)
			if tt.line == 0 {
				if err != nil || n != tt.rows {
					t.Fatalf("got %d, %v; want %d rows", n, err, tt.rows)
				}
				if table := importTables[tt.kind][0]; after[table] == before[table] {
					t.Errorf("the import left %s as it was", table)
				}
				return
			}
			var ie *ImportError
			if !errors.As(err, &ie) || ie.Line != tt.line || ie.Field != tt.field {
				t.Fatalf("got %v; want line %d field %q", err, tt.line, tt.field)
			}
			if ie.Field == "" && ie.Line > 1 && !strings.Contains(ie.Error(), strings.Split(tt.csv, "\n")[0]) {
				t.Errorf("%v: names no field and not the columns it wants", err)
			}
			for _, table := range importTables[tt.kind] {
				if after[table] != before[table] {
					t.Errorf("a failed import changed %s", table)
				}
			}
		})
	}
}

func TestImportOrderHistory(t *testing.T) {
	p := newTestPortal(t)
	csv := "order_number,status,at,vin\n0061220040299,2,2026-10-01T08:00:00Z,\n006122-0040299,4,2026-11-20T12:30:00Z," + vinN(2) + "\n"
	if _, err := p.store.Import(context.Background(), "orders", strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	var data string
	p.store.r.QueryRow(`SELECT data FROM orders WHERE number = '0061220040299'`).Scan(&data)
	var o showroom.Order
	json.Unmarshal([]byte(data), &o)
	if o.Status != showroom.OrderAtDealer || len(o.History) != 2 || o.VIN != vinN(2) {
		t.Errorf("order %+v", o)
	}
	if at, ok := o.ArrivalVisibleAt(); !ok || at.Day() != 25 {
		t.Errorf("arrival visible at %v %v", at, ok)
	}
}

// fuzzImport checks that an importer either loads a file or reports a
// line of it (1 is the header), never fails otherwise and never keeps part
// of a bad file in any table its kind writes.
func fuzzImport(f *testing.F, kind string, seeds ...string) {
	fuzzImportChecked(f, kind, nil, seeds...)
}

// fuzzImportChecked is fuzzImport that also checks what a file that loads
// leaves in the store.
func fuzzImportChecked(f *testing.F, kind string, check func(t *testing.T, p *testPortal), seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	p := newTestPortal(f)
	f.Fuzz(func(t *testing.T, csv string) {
		before := importDigests(t, p, kind)
		_, err := p.store.Import(context.Background(), kind, strings.NewReader(csv))
		if err == nil {
			if check != nil {
				check(t, p)
			}
			return
		}
		var ie *ImportError
		if !errors.As(err, &ie) || ie.Line < 1 {
			t.Fatalf("error without a line: %v", err)
		}
		if lines := strings.Count(csv, "\n") + 1; ie.Line > lines {
			t.Fatalf("line %d of a file of %d lines: %v", ie.Line, lines, err)
		}
		after := importDigests(t, p, kind)
		for _, table := range importTables[kind] {
			if after[table] != before[table] {
				t.Fatalf("a failed import changed %s: %v", table, err)
			}
		}
	})
}

func FuzzImportDealers(f *testing.F) {
	fuzzImport(f, "dealers", "code,name,region,city,address,phone,email,lat,lon\n006200,A,R,C,,,,1.5,2\n")
}

func FuzzImportVehicles(f *testing.F) {
	fuzzImport(f, "vehicles", "vin,model,version,body,engine_number,build_date,equipment\n"+knownVIN+",Fluence,,,K4MA690C123456,2011-05-03,a;b\n")
}

func FuzzImportOrders(f *testing.F) {
	fuzzImport(f, "orders", "order_number,status,at,vin\n0061220040234,3,2026-10-01T08:00:00Z,"+knownVIN+"\n")
}

func FuzzImportRecalls(f *testing.F) {
	fuzzImport(f, "recalls", "campaign,date,title,text,remedy,free,vins\n0BCF,2012-01-31,T,x,y,yes,"+knownVIN+"\n")
}

func FuzzImportOffers(f *testing.F) {
	fuzzImport(f, "offers", "id,title,value,conditions,models,min_age_months,max_age_months,min_mileage,max_mileage,dealers,regions,valid_from,valid_to\no1,T,200,,Logan,1,2,3,4,006122,R,2026-01-01,2026-12-31\n")
}

// FuzzImportSales also checks the accounts sales make: only retail ones,
// each with the car sold in its garage, and never two for one car.
func FuzzImportSales(f *testing.F) {
	fuzzImportChecked(f, "sales", checkSaleAccounts, "vin,dealer,date,kind,staff_id\n"+knownVIN+",006122,2012-02-01,retail,\n",
		"vin,dealer,date,kind,staff_id,engine_number,last_name,first_name,email,phone\n"+
			knownVIN+",006122,2012-02-01,retail,s1,"+knownEng+",Петров,Иван,ivan@example.ru,8 912 345-67-89\n"+
			vinN(1)+",006122,2012-02-02,retail,,,Сидорова,Анна,,\n"+
			vinN(2)+",006122,2012-02-02,corporate,,,Фирмов,Олег,oleg@example.ru,\n",
		"vin,dealer,date,kind,staff_id,engine_number,last_name\n"+vinN(3)+",006122,2012-02-01,retail,,K9K000000000,Петров\n")
}

func checkSaleAccounts(t *testing.T, p *testPortal) {
	t.Helper()
	var bad, twice int
	err := p.store.r.QueryRow(`SELECT count(*) FROM sales s
		LEFT JOIN vehicles v ON v.customer_id = s.customer_id AND v.vin = s.vin
		WHERE s.customer_id IS NOT NULL AND (s.kind != ? OR v.id IS NULL)`, showroom.SaleRetail).Scan(&bad)
	if err != nil {
		t.Fatal(err)
	}
	err = p.store.r.QueryRow(`SELECT count(*) FROM (SELECT vin FROM sales WHERE customer_id IS NOT NULL
		GROUP BY vin HAVING count(*) > 1)`).Scan(&twice)
	if err != nil {
		t.Fatal(err)
	}
	if bad > 0 || twice > 0 {
		t.Fatalf("%d accounts of sales that are not retail or lack the car, %d cars with two accounts", bad, twice)
	}
}
