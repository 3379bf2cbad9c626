package showroom

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestNormalizeVIN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"VF1LZBR0542606589", "VF1LZBR0542606589"},
		{"  vf1lzbr0542606589\t\n", "VF1LZBR0542606589"},
		{"Vf1LzBr0542606589", "VF1LZBR0542606589"},
		{"", ""},
		{"вф1", "вф1"}, // only Latin letters are upper-cased
	}
	for _, tt := range tests {
		if got := NormalizeVIN(tt.in); got != tt.want {
			t.Errorf("NormalizeVIN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecodeVIN(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     VINDecode // Warnings compared by reason only
		warnings []Reason
		reason   Reason // of the error, "" for none
		args     []any
	}{
		{name: "check digit X", in: "1M8GDM9AXKP042788",
			want: VINDecode{VIN: "1M8GDM9AXKP042788", WMI: "1M8", Manufacturer: "Motor Coach Industries", Country: "United States", CheckDigit: CheckDigitOK}},
		{name: "north american check digit error", in: "1HGCM82633A123456",
			want:   VINDecode{VIN: "1HGCM82633A123456", WMI: "1HG", Manufacturer: "Honda", Country: "United States", CheckDigit: CheckDigitMismatch},
			reason: ReasonVINCheckDigit, args: []any{'3', '7'}},
		{name: "north american valid", in: "1HGCM82633A004352",
			want: VINDecode{VIN: "1HGCM82633A004352", WMI: "1HG", Manufacturer: "Honda", Country: "United States", CheckDigit: CheckDigitOK}},
		{name: "renault fluence", in: "VF1LZBR0542606589",
			want:     VINDecode{VIN: "VF1LZBR0542606589", WMI: "VF1", Manufacturer: "Renault", Country: "France", Model: "Fluence", CheckDigit: CheckDigitNA},
			warnings: []Reason{ReasonVINCheckDigitSoft}},
		{name: "lower case and space", in: "  vf1lzbr0542606589 \n",
			want:     VINDecode{VIN: "VF1LZBR0542606589", WMI: "VF1", Manufacturer: "Renault", Country: "France", Model: "Fluence", CheckDigit: CheckDigitNA},
			warnings: []Reason{ReasonVINCheckDigitSoft}},
		{name: "renault russia logan with matching check digit", in: "X7LLSRB17AH123456",
			want: VINDecode{VIN: "X7LLSRB17AH123456", WMI: "X7L", Manufacturer: "Renault Russia (Avtoframos)", Country: "Russia", Model: "Logan", CheckDigit: CheckDigitOK}},
		{name: "dacia duster", in: "UU1HSDACN45123456",
			want:     VINDecode{VIN: "UU1HSDACN45123456", WMI: "UU1", Manufacturer: "Dacia", Country: "Romania", Model: "Duster", CheckDigit: CheckDigitNA},
			warnings: []Reason{ReasonVINCheckDigitSoft}},
		{name: "renault unknown model code", in: "VF1ZZ000000000000",
			want:     VINDecode{VIN: "VF1ZZ000000000000", WMI: "VF1", Manufacturer: "Renault", Country: "France", CheckDigit: CheckDigitNA},
			warnings: []Reason{ReasonVINCheckDigitSoft}},
		{name: "model code ignored outside the renault group", in: "XTALS000000000000",
			want:     VINDecode{VIN: "XTALS000000000000", WMI: "XTA", Manufacturer: "Lada (AvtoVAZ)", Country: "Russia", CheckDigit: CheckDigitNA},
			warnings: []Reason{ReasonVINCheckDigitSoft}},
		{name: "unknown WMI, country from range", in: "W9Z00000000000000",
			want: VINDecode{VIN: "W9Z00000000000000", WMI: "W9Z", Country: "Germany", CheckDigit: CheckDigitOK}},
		{name: "unknown WMI in Mexico's range", in: "3AB00000000000000",
			want:   VINDecode{VIN: "3AB00000000000000", WMI: "3AB", Country: "Mexico", CheckDigit: CheckDigitMismatch},
			reason: ReasonVINCheckDigit},
		{name: "chinese check digit error", in: "LVVDB11B0AD000001",
			want:   VINDecode{VIN: "LVVDB11B0AD000001", WMI: "LVV", Manufacturer: "Chery", Country: "China", CheckDigit: CheckDigitMismatch},
			reason: ReasonVINCheckDigit},
		{name: "unassigned range", in: "9Z000000000000000",
			want:     VINDecode{VIN: "9Z000000000000000", WMI: "9Z0", CheckDigit: CheckDigitNA},
			warnings: []Reason{ReasonVINCheckDigitSoft}},
		{name: "letter O", in: "VF1LZBR0542606O89", reason: ReasonVINForbiddenLetter, args: []any{15, 'O'}},
		{name: "lower-case i", in: "vf1lzbr0542606i89", reason: ReasonVINForbiddenLetter, args: []any{15, 'I'}},
		{name: "Q", in: "QF1LZBR0542606589", reason: ReasonVINForbiddenLetter, args: []any{1, 'Q'}},
		{name: "Cyrillic O meant as zero", in: "VF1LZBRО542606589", reason: ReasonVINForbiddenLetter, args: []any{8, 'O'}},
		{name: "Cyrillic letter", in: "VF1LZВR0542606589", reason: ReasonVINCyrillic, args: []any{6, 'В'}},
		{name: "inner space", in: "VF1LZBR 0542606589", reason: ReasonVINCharacter, args: []any{8, ' '}},
		{name: "hyphen", in: "VF1-LZBR0542606589", reason: ReasonVINCharacter, args: []any{4, '-'}},
		{name: "too short", in: "VF1LZBR054260658", reason: ReasonVINLength, args: []any{16}},
		{name: "too long", in: "VF1LZBR05426065890", reason: ReasonVINLength, args: []any{18}},
		{name: "empty", in: "   ", reason: ReasonVINEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DecodeVIN(tt.in)
			var reasons []Reason
			for _, w := range d.Warnings {
				reasons = append(reasons, w.Reason)
				if w.Code != EInvalidVIN || w.Field != "vin" {
					t.Errorf("warning %#v", w)
				}
			}
			if strings.Join(toStrings(reasons), ",") != strings.Join(toStrings(tt.warnings), ",") {
				t.Errorf("warnings = %v, want %v", reasons, tt.warnings)
			}
			d.Warnings = nil
			if !reflect.DeepEqual(d, tt.want) {
				t.Errorf("decode =\n%+v, want\n%+v", d, tt.want)
			}
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error = %v, want reason %s", err, tt.reason)
			}
			if e.Code != EInvalidVIN || e.Field != "vin" || e.Reason != tt.reason {
				t.Errorf("error = %#v, want reason %s", e, tt.reason)
			}
			if tt.args != nil && !equalArgs(e.Args, tt.args) {
				t.Errorf("args = %v, want %v", e.Args, tt.args)
			}
		})
	}
}

func TestDecodeVINTexts(t *testing.T) {
	_, err := DecodeVIN("VF1LZBR0542606O89")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	if got, want := e.Text(English), "position 15: letter O is not allowed in a VIN"; got != want {
		t.Errorf("English %q, want %q", got, want)
	}
	if got, want := e.Text(Russian), "позиция 15: буква O в VIN не допускается"; got != want {
		t.Errorf("Russian %q, want %q", got, want)
	}
	_, err = DecodeVIN("VF1LZBR05426065")
	if got := err.(*Error).Text(Russian); got != "VIN состоит из 17 символов, а здесь их 15." {
		t.Errorf("length text %q", got)
	}
	_, err = DecodeVIN("1HGCM82633A123456")
	if got := err.(*Error).Text(English); !strings.Contains(got, "is 3") || !strings.Contains(got, "give 7") {
		t.Errorf("check digit text %q names neither the digit found nor the one expected", got)
	}
	d, _ := DecodeVIN("VF1LZBR0542606589")
	if got := d.Warnings[0].Text(English); !strings.Contains(got, "not required outside North America and China") {
		t.Errorf("warning text %q", got)
	}
}

func TestVINDecodeJSON(t *testing.T) {
	d, err := DecodeVIN("VF1LZBR0542606589")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"vin":"VF1LZBR0542606589","wmi":"VF1","manufacturer":"Renault","country":"France","model":"Fluence","check_digit":"n/a","registry":null}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant (API.md's example)\n%s", b, want)
	}
}

func TestVINDecodeSetRegistry(t *testing.T) {
	d, _ := DecodeVIN("VF1LZBR0542606589")
	rec := &FactoryRecord{VIN: d.VIN, Model: "Fluence II", Version: "Expression", EngineNumber: "K4MA690C123456",
		BuildDate: time.Date(2011, 5, 3, 0, 0, 0, 0, time.UTC), Equipment: []string{"ABS"}}
	d.SetRegistry(rec)
	if d.Model != "Fluence II" {
		t.Errorf("model %q: the registry's must win", d.Model)
	}
	if d.Registry.EngineNumber != "***********456" {
		t.Errorf("engine number %q not masked", d.Registry.EngineNumber)
	}
	if rec.EngineNumber != "K4MA690C123456" {
		t.Error("SetRegistry changed the caller's record")
	}
	d.Registry.Equipment[0] = "x"
	if rec.Equipment[0] != "ABS" {
		t.Error("SetRegistry shares the caller's equipment")
	}
	d.SetRegistry(&FactoryRecord{VIN: d.VIN})
	if d.Model != "Fluence II" {
		t.Errorf("an empty registry model replaced %q", d.Model)
	}
	d.SetRegistry(nil)
	if d.Registry != nil {
		t.Error("SetRegistry(nil) kept a record")
	}
}

func TestVINCheckDigit(t *testing.T) {
	// Known-good VINs from makers that use the check digit.
	for _, v := range []string{"1M8GDM9AXKP042788", "1HGCM82633A004352", "11111111111111111", "JHMCM56557C404453"} {
		if got := vinCheckDigit(v); got != v[8] {
			t.Errorf("check digit of %s = %c, want %c", v, got, v[8])
		}
	}
}

func TestVINTablesAreWellFormed(t *testing.T) {
	tb, err := parseVINTables(vinFS)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.wmi) < 40 || len(tb.models) < 10 || len(tb.countries) < 40 {
		t.Errorf("tables too small: %d WMIs, %d models, %d ranges", len(tb.wmi), len(tb.models), len(tb.countries))
	}
	for wmi, w := range tb.wmi {
		if err := checkVINSyntax(wmi + "00000000000000"); err != nil {
			t.Errorf("WMI %s cannot start a VIN: %v", wmi, err)
		}
		if c := tb.country(wmi); c != w.Country {
			t.Errorf("WMI %s: the table says %s, the ISO 3779 range %q", wmi, w.Country, c)
		}
	}
	for _, w := range []string{"VF1", "UU1", "X7L", "KNM", "8A1", "93Y", "9FB", "XTA", "TMB", "LGW"} {
		if _, ok := tb.wmi[w]; !ok {
			t.Errorf("WMI %s missing", w)
		}
	}
	bad := []struct {
		name, wmi, vds, countries string
	}{
		{"bad header", "w,m,c,r\n", "code,model\n", "from,to,country\n"},
		{"bad flag", "wmi,manufacturer,country,renault_vds\nVF1,Renault,France,maybe\n", "code,model\n", "from,to,country\n"},
		{"duplicate", "wmi,manufacturer,country,renault_vds\nVF1,R,F,yes\nVF1,R,F,yes\n", "code,model\n", "from,to,country\n"},
		{"bad range", "wmi,manufacturer,country,renault_vds\n", "code,model\n", "from,to,country\nAZ,AA,X\n"},
		{"wrong fields", "wmi,manufacturer,country,renault_vds\nVF1,R\n", "code,model\n", "from,to,country\n"},
	}
	for _, b := range bad {
		fsys := fstest.MapFS{
			"assets/vin/wmi.csv":         {Data: []byte(b.wmi)},
			"assets/vin/renault_vds.csv": {Data: []byte(b.vds)},
			"assets/vin/countries.csv":   {Data: []byte(b.countries)},
		}
		if _, err := parseVINTables(fsys); err == nil {
			t.Errorf("%s: no error", b.name)
		}
	}
}

// TestRenaultGroupWMIs: every WMI of the Renault group the programme meets
// decodes to its own maker and country from the table, not merely to the
// country of its ISO 3779 range.
func TestRenaultGroupWMIs(t *testing.T) {
	for _, tt := range []struct{ wmi, manufacturer, country string }{
		{"VF1", "Renault", "France"},
		{"VF2", "Renault", "France"},
		{"VF6", "Renault Trucks (RVI)", "France"},
		{"VF8", "Matra (Renault)", "France"},
		{"VFA", "Alpine (Renault)", "France"},
		{"VMK", "Renault", "France"},
		{"UU1", "Dacia", "Romania"},
		{"UV1", "Dacia (Renault)", "Romania"},
		{"KNM", "Renault Samsung Motors", "South Korea"},
		{"8A1", "Renault Argentina", "Argentina"},
		{"93Y", "Renault do Brasil", "Brazil"},
		{"9FB", "Renault Sofasa", "Colombia"},
		{"X7L", "Renault Russia (Avtoframos)", "Russia"},
	} {
		d, err := DecodeVIN(tt.wmi + "LS000000000000")
		if err != nil {
			t.Errorf("%s: %v", tt.wmi, err)
			continue
		}
		if d.WMI != tt.wmi || d.Manufacturer != tt.manufacturer || d.Country != tt.country {
			t.Errorf("%s decodes to %q, %q, %q; want %q, %q", tt.wmi, d.WMI, d.Manufacturer, d.Country, tt.manufacturer, tt.country)
		}
	}
}

func FuzzDecodeVIN(f *testing.F) {
	for _, s := range []string{
		"1M8GDM9AXKP042788", "1HGCM82633A123456", "VF1LZBR0542606589", " vf1lzbr0542606589 ",
		"VF1LZBR0542606O89", "X7LLSRB17AH123456", "LVVDB11B0AD000001", "VF1LZBRО542606589", "", "ı", "ſ",
		"\xff\xfe", "VF1LZBR054260658\u0301",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeVIN(s)
		if NormalizeVIN(n) != n {
			t.Fatalf("NormalizeVIN not idempotent: %q -> %q -> %q", s, n, NormalizeVIN(n))
		}
		d, err := DecodeVIN(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != EInvalidVIN || e.Field != "vin" {
				t.Fatalf("bad error %#v", err)
			}
			checkText(t, e)
			if d.CheckDigit != "" && d.CheckDigit != CheckDigitMismatch {
				t.Fatalf("error with check digit %q", d.CheckDigit)
			}
		}
		if d.VIN == "" {
			return
		}
		// A decoded VIN is 17 legal characters and decodes to itself.
		if len(d.VIN) != VINLength || strings.ContainsAny(d.VIN, "IOQ") || d.WMI != d.VIN[:3] {
			t.Fatalf("decoded %q", d.VIN)
		}
		again, err2 := DecodeVIN(d.VIN)
		if (err == nil) != (err2 == nil) || again.CheckDigit != d.CheckDigit || again.Model != d.Model {
			t.Fatalf("decode of %q differs from decode of %q", d.VIN, s)
		}
		if (d.CheckDigit == CheckDigitMismatch) != (err != nil) || (d.CheckDigit == CheckDigitNA) != (len(d.Warnings) == 1) {
			t.Fatalf("check digit %q with error %v and %d warnings", d.CheckDigit, err, len(d.Warnings))
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatal(err)
		}
	})
}

func toStrings[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// equalArgs compares error arguments, treating rune and int alike.
func equalArgs(got, want []any) bool {
	if len(got) != len(want) {
		return false
	}
	num := func(v any) (int64, bool) {
		switch x := v.(type) {
		case int:
			return int64(x), true
		case rune:
			return int64(x), true
		}
		return 0, false
	}
	for i := range got {
		g, ok1 := num(got[i])
		w, ok2 := num(want[i])
		if !ok1 || !ok2 || g != w {
			return false
		}
	}
	return true
}
