package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"sync"
	"testing"

	"github.com/myrenault/showroom"
)

// dataSet is everything a generator makes, collected for the tests.
type dataSet struct {
	g        *Generator
	dealers  []showroom.Dealer
	staff    []showroom.StaffUser
	cabinets []showroom.Cabinet
	registry []showroom.FactoryRecord
	offers   []showroom.Offer
	recalls  []showroom.Recall
	sales    []showroom.Sale
}

func collect(g *Generator) *dataSet {
	d := &dataSet{g: g, dealers: g.Dealers(), staff: g.Staff(), offers: g.Offers(), recalls: g.Recalls()}
	for c := range g.Cabinets() {
		d.cabinets = append(d.cabinets, c)
	}
	for r := range g.Registry() {
		d.registry = append(d.registry, r)
	}
	for s := range g.Sales() {
		d.sales = append(d.sales, s)
	}
	return d
}

// defaultSet is the app's demo data set, seed 1, made once for the tests
// that only read it.
var defaultSet = sync.OnceValue(func() *dataSet { return collect(New(1, DefaultSizes())) })

// digest hashes the JSON of everything the generator makes, streaming.
func digest(t testing.TB, g *Generator) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	put := func(v any) {
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	put(g.Dealers())
	put(g.Staff())
	put(g.Offers())
	put(g.Recalls())
	for c := range g.Cabinets() {
		put(c)
	}
	for r := range g.Registry() {
		put(r)
	}
	for s := range g.Sales() {
		put(s)
	}
	return sum(h)
}

func sum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// unique fails the test when a non-empty value repeats.
type unique struct {
	t    *testing.T
	what string
	seen map[string]bool
}

func newUnique(t *testing.T, what string) *unique {
	return &unique{t: t, what: what, seen: map[string]bool{}}
}

func (u *unique) add(v string) {
	u.t.Helper()
	if v == "" {
		return
	}
	if u.seen[v] {
		u.t.Errorf("%s %q repeats", u.what, v)
	}
	u.seen[v] = true
}

func sha256Of(s string) hash.Hash {
	h := sha256.New()
	h.Write([]byte(s))
	return h
}
