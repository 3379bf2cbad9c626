package showroom

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

// The VIN tables are data, not code, so that they can be reviewed and
// extended without touching the rules:
//   - wmi.csv: wmi,manufacturer,country,renault_vds — known World
//     Manufacturer Identifiers; renault_vds is "yes" for Renault-group car
//     plants whose VINs carry Renault's model code in positions 4–5;
//   - countries.csv: from,to,country — the ISO 3779 ranges of the first two
//     characters, for WMIs not in wmi.csv;
//   - renault_vds.csv: code,model — Renault's model codes (positions 4–5).
//
//go:embed assets/vin/*.csv
var vinFS embed.FS

// wmiInfo is a row of wmi.csv.
type wmiInfo struct {
	Manufacturer string
	Country      string
	RenaultVDS   bool
}

// countryRange is a row of countries.csv: first character and the range of
// second characters, as indexes into vinRangeOrder.
type countryRange struct {
	first    byte
	from, to int
	country  string
}

// vinRangeOrder is the order ISO 3779 ranges run in: letters without I, O
// and Q, then digits 1–9 and 0 last.
const vinRangeOrder = "ABCDEFGHJKLMNPRSTUVWXYZ1234567890"

type vinTables struct {
	wmi       map[string]wmiInfo
	countries []countryRange
	models    map[string]string
}

// loadVINTables parses the embedded tables once. They are part of the
// build, so an error is a programming error and the tests catch it.
var loadVINTables = sync.OnceValue(func() *vinTables {
	t, err := parseVINTables(vinFS)
	if err != nil {
		panic(err)
	}
	return t
})

func parseVINTables(fsys fs.FS) (*vinTables, error) {
	t := &vinTables{wmi: map[string]wmiInfo{}, models: map[string]string{}}
	err := readCSV(fsys, "assets/vin/wmi.csv", []string{"wmi", "manufacturer", "country", "renault_vds"}, func(r []string) error {
		if len(r[0]) != 3 || r[1] == "" || r[2] == "" || (r[3] != "yes" && r[3] != "no") {
			return fmt.Errorf("bad row %q", r)
		}
		if _, dup := t.wmi[r[0]]; dup {
			return fmt.Errorf("duplicate WMI %s", r[0])
		}
		t.wmi[r[0]] = wmiInfo{Manufacturer: r[1], Country: r[2], RenaultVDS: r[3] == "yes"}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSV(fsys, "assets/vin/countries.csv", []string{"from", "to", "country"}, func(r []string) error {
		if len(r[0]) != 2 || len(r[1]) != 2 || r[0][0] != r[1][0] || r[2] == "" {
			return fmt.Errorf("bad row %q", r)
		}
		from, to := strings.IndexByte(vinRangeOrder, r[0][1]), strings.IndexByte(vinRangeOrder, r[1][1])
		if from < 0 || to < from {
			return fmt.Errorf("bad range %q", r)
		}
		t.countries = append(t.countries, countryRange{first: r[0][0], from: from, to: to, country: r[2]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSV(fsys, "assets/vin/renault_vds.csv", []string{"code", "model"}, func(r []string) error {
		if len(r[0]) != 2 || r[1] == "" {
			return fmt.Errorf("bad row %q", r)
		}
		if _, dup := t.models[r[0]]; dup {
			return fmt.Errorf("duplicate model code %s", r[0])
		}
		t.models[r[0]] = r[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// readCSV reads a CSV file with the given header and calls row for each
// record after it.
func readCSV(fsys fs.FS, name string, header []string, row func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = len(header)
	records, err := r.ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(records) == 0 || strings.Join(records[0], ",") != strings.Join(header, ",") {
		return fmt.Errorf("%s: header must be %s", name, strings.Join(header, ","))
	}
	for i, rec := range records[1:] {
		if err := row(rec); err != nil {
			return fmt.Errorf("%s:%d: %w", name, i+2, err)
		}
	}
	return nil
}

// country returns the country of a WMI from the ISO 3779 ranges, or "".
func (t *vinTables) country(wmi string) string {
	if len(wmi) < 2 {
		return ""
	}
	second := strings.IndexByte(vinRangeOrder, wmi[1])
	for _, c := range t.countries {
		if c.first == wmi[0] && second >= c.from && second <= c.to {
			return c.country
		}
	}
	return ""
}
