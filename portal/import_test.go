package portal

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/myrenault/showroom"
)

func TestImport(t *testing.T) {
	tests := []struct {
		kind, csv string
		rows      int
		line      int
		field     string
	}{
		{"dealers", "code,name,region,city,address,phone,email,lat,lon\n006200,\"Рено, Пермь\",Пермский край,Пермь,,,,58.0,56.2\n", 1, 0, ""},
		{"dealers", "code,name,region,city,address,phone,email,lat,lon\n006200,A,R,,,,,,\n62,B,R,,,,,,\n", 0, 3, "code"},
		{"dealers", "code,name\n006200,A\n", 0, 1, "region"},
		{"vehicles", "vin,model,version,body,engine_number,build_date,equipment\n" + vinN(1) + ",Logan,Prestige,sedan,K7J 710 123456,2011-03-01,ABS;кондиционер\n", 1, 0, ""},
		{"vehicles", "vin,model,version,body,engine_number,build_date,equipment\n" + vinN(1) + ",Logan,,,K7J710123456,2011-03-01,\nVF1-BAD,Logan,,,K7J710123456,2011-03-01,\n", 0, 3, "vin"},
		{"vehicles", "vin,model,version,body,engine_number,build_date,equipment\n" + vinN(1) + ",Logan,,,K7J710123456,01.03.2011,\n", 0, 2, "build_date"},
		{"orders", "order_number,status,at,vin\n0061220040299,2,2026-10-01T08:00:00Z,\n0061220040299,4,2026-11-20T12:30:00Z," + vinN(2) + "\n", 2, 0, ""},
		{"orders", "order_number,status,at,vin\n0061220040299,7,2026-10-01,\n", 0, 2, "status"},
		{"recalls", "campaign,date,title,text,remedy,free,vins\n0BCF,2012-01-31,Жгут,Текст,Хомут,yes," + knownVIN + ";" + vinN(3) + "\n", 1, 0, ""},
		{"recalls", "campaign,date,title,text,remedy,free,vins\n0BCF,2012-01-31,Жгут,,,maybe,\n", 0, 2, "free"},
		{"offers", "id,title,value,conditions,models,min_age_months,max_age_months,min_mileage,max_mileage,dealers,regions,valid_from,valid_to\no1,200 ₽,200,,Logan;Duster,12,,,,006122,,2026-01-01,2026-12-31\n", 1, 0, ""},
		{"offers", "id,title,value,conditions,models,min_age_months,max_age_months,min_mileage,max_mileage,dealers,regions,valid_from,valid_to\no1,200 ₽,200,,,-1,,,,,,2026-01-01,2026-12-31\n", 0, 2, "min_age_months"},
		{"sales", "vin,dealer,date,kind,staff_id\n" + vinN(4) + ",006122,2012-02-01,retail,\n" + vinN(5) + ",006122,2012-02-01,corporate,s1\n", 2, 0, ""},
		{"sales", "vin,dealer,date,kind,staff_id\n" + vinN(4) + ",006122,2012-02-01,fleet,\n", 0, 2, "kind"},
		{"sales", "vin,dealer,date,kind,staff_id\n" + vinN(4) + ",006122,2012-02-01\n", 0, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			p := newTestPortal(t)
			var before int
			p.store.r.QueryRow(`SELECT count(*) FROM changes`).Scan(&before)
			n, err := p.store.Import(context.Background(), tt.kind, strings.NewReader(tt.csv))
			if tt.line == 0 {
				if err != nil || n != tt.rows {
					t.Fatalf("got %d, %v; want %d rows", n, err, tt.rows)
				}
				return
			}
			var ie *ImportError
			if !errors.As(err, &ie) || ie.Line != tt.line || ie.Field != tt.field {
				t.Fatalf("got %v; want line %d field %q", err, tt.line, tt.field)
			}
			var after int
			p.store.r.QueryRow(`SELECT count(*) FROM changes`).Scan(&after)
			if after != before {
				t.Error("a failed import left changes behind")
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
// line, never fails otherwise and never keeps part of a bad file.
func fuzzImport(f *testing.F, kind string, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	p := newTestPortal(f)
	f.Fuzz(func(t *testing.T, csv string) {
		var before int
		p.store.r.QueryRow(`SELECT count(*) FROM changes`).Scan(&before)
		_, err := p.store.Import(context.Background(), kind, strings.NewReader(csv))
		if err == nil {
			return
		}
		var ie *ImportError
		if !errors.As(err, &ie) || ie.Line < 0 {
			t.Fatalf("error without a line: %v", err)
		}
		var after int
		p.store.r.QueryRow(`SELECT count(*) FROM changes`).Scan(&after)
		if after != before {
			t.Fatal("a failed import left changes behind")
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

func FuzzImportSales(f *testing.F) {
	fuzzImport(f, "sales", "vin,dealer,date,kind,staff_id\n"+knownVIN+",006122,2012-02-01,retail,\n")
}
