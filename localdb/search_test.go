package localdb

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/myrenault/showroom"
)

// searchFixture stores customers with every kind of key:
//   - Игнатьева Полина, registered here: Polina@example.ru, +7 916 123-45-67,
//     VIN VF1LZBR0542606594;
//   - Семёнов Пётр, imported (sampleCabinet): ID 1000234567, semenov@example.ru,
//     mobile +7 903 123-45-67, home +7 343 212-34-56, VINs …589 and …590,
//     order 0061220040234;
//   - John Smith, imported: john.smith@mail.com, ID 21000234567 (ends with
//     Семёнов's ID, and imported later, so newer).
func searchFixture(t *testing.T) (db *DB, polina, petr, john string) {
	t.Helper()
	db = mustOpen(t)
	ctx := t.Context()
	cab := sampleCabinet()
	smith := showroom.Cabinet{Customer: showroom.Customer{
		Ref: "smith", ID: "21000234567", State: showroom.StateActive,
		Personal: showroom.PersonalData{FirstName: "John", LastName: "Smith", Email: "john.smith@mail.com"},
	}}
	if _, err := db.ImportCabinets(ctx, slices.Values([]showroom.Cabinet{cab, smith})); err != nil {
		t.Fatal(err)
	}
	d := draft()
	d.VIN = vins[5]
	c, err := db.Register(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	return db, c.Ref, cab.Customer.Ref, smith.Customer.Ref
}

func TestSearchFindsEveryKindOfKey(t *testing.T) {
	db, polina, petr, john := searchFixture(t)
	tests := []struct {
		query string
		want  []string // refs, in order
		match MatchKind
		vin   string // of the first hit
	}{
		{"игнат", []string{polina}, MatchName, ""},
		{"ИГНАТЬЕВА", []string{polina}, MatchName, ""},
		{"Ignat", []string{polina}, MatchName, ""},
		{"ignateva polina", []string{polina}, MatchName, ""},
		{"семенов", []string{petr}, MatchName, ""},
		{"Семёнов Пётр", []string{petr}, MatchName, ""},
		{"пётр сем", []string{petr}, MatchName, ""},
		{"Игнатьева П", []string{polina}, MatchName, ""}, // the initial is left out
		{"smi", []string{john}, MatchName, ""},
		{"polina@example.ru", []string{polina}, MatchEmail, ""},
		{"POLINA@EXAMPLE.RU", []string{polina}, MatchEmail, ""},
		{"polina@exa", []string{polina}, MatchEmail, ""},
		{"john.smith@mail", []string{john}, MatchEmail, ""},
		{"smith@mail.com", []string{john}, MatchEmail, ""},
		{"john.sm", []string{john}, MatchEmail, ""}, // an e-mail typed without its @
		{"john_smith", []string{john}, MatchEmail, ""},
		{"@example.ru", []string{polina, petr}, MatchEmail, ""},
		{"+7 916 123-45-67", []string{polina}, MatchPhone, ""},
		{"89161234567", []string{polina}, MatchPhone, ""},
		{"8 (916) 123 45 67", []string{polina}, MatchPhone, ""},
		{"9161234567", []string{polina}, MatchPhone, ""},
		{"8916123", []string{polina}, MatchPhone, ""}, // typed from the start
		{"123-45-67", []string{polina, petr}, MatchPhone, ""},
		{"4567", []string{polina, john, petr}, MatchPhone, ""}, // John's ID ends with 4567
		{"343 212-34-56", []string{petr}, MatchPhone, ""},
		{"VF1LZBR0542606594", []string{polina}, MatchVIN, vins[5]},
		{"vf1lzbr0542606589", []string{petr}, MatchVIN, vins[0]},
		{"606590", []string{petr}, MatchVIN, vins[1]},
		{"R0542606594", []string{polina}, MatchVIN, vins[5]},
		{"VF1LZB", []string{polina, petr}, MatchVIN, ""},
		{"0061220040234", []string{petr}, MatchOrder, ""},
		{"1000234567", []string{petr, john}, MatchCustomerID, ""}, // exact first
		{"21000234567", []string{john}, MatchCustomerID, ""},
		{"семенов 1234567", []string{petr}, MatchPhone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := db.SearchCustomers(t.Context(), tt.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Ref)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("refs = %v, want %v (%+v)", got, tt.want, hits)
			}
			if hits[0].Match != tt.match {
				t.Errorf("match = %q, want %q", hits[0].Match, tt.match)
			}
			if tt.vin != "" && hits[0].VIN != tt.vin {
				t.Errorf("VIN = %q, want %q", hits[0].VIN, tt.vin)
			}
		})
	}
}

func TestSearchHitCarriesTheCustomer(t *testing.T) {
	db, polina, _, _ := searchFixture(t)
	hits, err := db.SearchCustomers(t.Context(), "polina@example.ru", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits = %+v, %v", hits, err)
	}
	want := CustomerHit{Ref: polina, FullName: "Полина Игнатьева", Email: "Polina@example.ru",
		Phone: "+79161234567", State: showroom.StatePending, Match: MatchEmail, Exact: true}
	if hits[0] != want {
		t.Errorf("hit = %+v\nwant  %+v", hits[0], want)
	}
	hits, _ = db.SearchCustomers(t.Context(), "1000234567", 10)
	if len(hits) != 2 || !hits[0].Exact || hits[1].Exact || hits[0].CustomerID != "1000234567" {
		t.Errorf("exact ID hits = %+v", hits)
	}
}

func TestSearchFindsNothingForNonMatchingInput(t *testing.T) {
	db, _, _, _ := searchFixture(t)
	for _, q := range []string{
		"", " ", "и", "7", "@", "zzzz", "игнатов", "ivanov", "0000000", "9999", "123",
		"VF1LZBR0542606000", "polina@mail.ru", `"`, `*`, "NEAR(", "AND", "OR игнат", "-", "игнат*",
		"semenov@example.ru.com", "0061220040235",
	} {
		hits, err := db.SearchCustomers(t.Context(), q, 10)
		if err != nil {
			t.Errorf("%q: %v", q, err)
		}
		if len(hits) != 0 && q != "игнат*" {
			t.Errorf("%q found %d customers", q, len(hits))
		}
	}
	// "игнат*" reads as the word игнат: the star is not syntax.
	if hits, _ := db.SearchCustomers(t.Context(), "игнат*", 10); len(hits) != 1 {
		t.Errorf("игнат* found %d", len(hits))
	}
	if hits, _ := db.SearchCustomers(t.Context(), "игнат", 0); hits != nil {
		t.Errorf("limit 0 found %d", len(hits))
	}
}

func TestSearchIndexFollowsChanges(t *testing.T) {
	db, polina, petr, _ := searchFixture(t)
	ctx := t.Context()
	found := func(q, ref string) bool {
		t.Helper()
		hits, err := db.SearchCustomers(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(hits, func(h CustomerHit) bool { return h.Ref == ref })
	}
	c, err := db.Customer(ctx, polina)
	if err != nil {
		t.Fatal(err)
	}
	c.Personal.LastName = "Кузнецова"
	c.Contacts.MobilePhone = "+79265550011"
	c.ID = "1000999999"
	err = db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.PutCustomer(c); err != nil {
			return err
		}
		if _, err := tx.AddVehicle(showroom.Vehicle{CustomerRef: polina, VIN: vins[2]}); err != nil {
			return err
		}
		return tx.PutOrder(showroom.Order{Number: "0061220049999", CustomerRef: polina, Status: 1})
	})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]bool{
		"игнатьева": false, "кузнецова": true, "9161234567": false, "+7 926 555-00-11": true,
		"1000999999": true, "606591": true, "0061220049999": true,
	} {
		if got := found(q, polina); got != want {
			t.Errorf("after the update, %q finds her: %v, want %v", q, got, want)
		}
	}
	g, _ := db.Garage(ctx, polina)
	i := slices.IndexFunc(g, func(v showroom.Vehicle) bool { return v.VIN == vins[5] })
	if len(g) != 2 || i < 0 {
		t.Fatalf("garage = %+v", g)
	}
	err = db.Update(ctx, func(tx *Tx) error {
		if err := tx.RemoveVehicle(g[i].ID); err != nil {
			return err
		}
		return tx.DeleteCustomer(petr)
	})
	if err != nil {
		t.Fatal(err)
	}
	if found("606594", polina) {
		t.Error("a removed car still finds its owner")
	}
	if !found("606591", polina) {
		t.Error("the remaining car no longer finds its owner")
	}
	if found("семенов", petr) || found("0061220040234", petr) {
		t.Error("a deleted customer is still found")
	}
	if n := count(t, db, "search_dirty"); n != 0 {
		t.Errorf("search_dirty keeps %d marks after commit", n)
	}
}

func TestImportMovingAnOrderReindexesItsPreviousOwner(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	cabinet := func(ref, last, email string) showroom.Cabinet {
		return showroom.Cabinet{
			Customer: showroom.Customer{Ref: ref, State: showroom.StateActive,
				Personal: showroom.PersonalData{FirstName: "Анна", LastName: last, Email: email}},
			Orders: []showroom.Order{{Number: "0061220040234", CustomerRef: ref, Status: showroom.OrderAtDealer}},
		}
	}
	for _, c := range []showroom.Cabinet{cabinet("first", "Орлова", "a@example.ru"), cabinet("second", "Соколова", "b@example.ru")} {
		if _, err := db.ImportCabinets(ctx, slices.Values([]showroom.Cabinet{c})); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"0061220040234", "0040234"} {
		hits, err := db.SearchCustomers(ctx, q, 10)
		if err != nil || len(hits) != 1 || hits[0].Ref != "second" {
			t.Errorf("%s after the move = %+v, %v", q, hits, err)
		}
	}
	if cab, _ := db.Cabinet(ctx, "first"); len(cab.Orders) != 0 {
		t.Errorf("the previous owner keeps %d orders", len(cab.Orders))
	}
}

func TestPlanSearch(t *testing.T) {
	for q, want := range map[string]string{
		"игнат":            `{last}: "игнат"*`,
		"Семёнов":          `{last}: "семенов"*`,
		"+7 916 123-45-67": `{keys}: "79161234567"* OR {keys}: "9161234567"* OR {rev}: "76543216197"*`,
		"polina@exa":       `({keys}: "polinaexa"* OR {rev}: "axeanilop"*)`,
		"606589":           `{keys}: "606589"* OR {rev}: "985606"*`,
		"R0542606594":      `({keys}: "r0542606594"* OR {rev}: "4956062450r"* OR {email}: "r0542606594"*)`,
	} {
		if got := planSearch(q).exprs[0]; got != want {
			t.Errorf("planSearch(%q) = %s\nwant %s", q, got, want)
		}
	}
	for _, q := range []string{"", "a", " б ", "12", "+7", "@@", "--"} {
		if p := planSearch(q); !p.empty() {
			t.Errorf("planSearch(%q) = %+v, want empty", q, p)
		}
	}
}

// FuzzSearchQuery checks that no input makes the query builder produce an
// expression FTS5 rejects, and that short input searches nothing.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{
		"игнат", "Ignat", "polina@example.ru", "+7 (916) 123-45-67", "VF1LZBR0542606589", "606589",
		`"`, `""`, `*`, `a"b`, "NEAR(a b)", "a OR b", "a AND NOT b", "{last}: x", "^x", "x:y", "(", ")",
		"\x00", "é", "\u0301\u0301", "ё", "𝔘𝔫𝔦", "١٢٣٤٥", "8-800-200-80-80", "@.", "a-b-c", "x*y*",
		strings.Repeat("я", 300), "   ", "'", "\\",
	} {
		f.Add(s)
	}
	db := mustOpen(f)
	if _, err := db.ImportCabinets(f.Context(), slices.Values([]showroom.Cabinet{sampleCabinet()})); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		p := planSearch(q)
		if utf8.RuneCountInString(strings.Join(strings.Fields(q), "")) < minQueryRunes && !p.empty() {
			t.Fatalf("planSearch(%q) searches: %+v", q, p)
		}
		for _, e := range p.exprs {
			if strings.Count(e, `"`)%2 != 0 {
				t.Fatalf("unbalanced quotes in %s", e)
			}
		}
		if _, err := db.SearchCustomers(t.Context(), q, 5); err != nil {
			t.Fatalf("SearchCustomers(%q): %v (exprs %q)", q, err, p.exprs)
		}
	})
}

func TestOpenRebuildsAnOutdatedSearchIndex(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportCabinets(ctx, slices.Values([]showroom.Cabinet{sampleCabinet()})); err != nil {
		t.Fatal(err)
	}
	// An older version's index: empty, and its version recorded.
	err = db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM customer_search`); err != nil {
			return err
		}
		return tx.SetSetting(settingSearchVersion, "0")
	})
	if err != nil {
		t.Fatal(err)
	}
	if hits, _ := db.SearchCustomers(ctx, "семенов", 5); len(hits) != 0 {
		t.Fatal("the emptied index still finds")
	}
	db.Close()
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if hits, _ := db.SearchCustomers(ctx, "семенов", 5); len(hits) != 1 {
		t.Errorf("after re-open the index finds %d", len(hits))
	}
}
