package localdb

import (
	"context"
	"crypto/sha256"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/myrenault/showroom/assets/demo"
)

// benchSeed is the demo generator's seed of the benchmark store.
const benchSeed = 1

// benchCustomers is the size of the benchmark store: 1,000,000, or
// SHOWROOM_BENCH_CUSTOMERS for a quick run.
func benchCustomers(tb testing.TB) int {
	s := os.Getenv("SHOWROOM_BENCH_CUSTOMERS")
	if s == "" {
		return 1_000_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		tb.Fatalf("SHOWROOM_BENCH_CUSTOMERS=%q is not a positive number", s)
	}
	return n
}

func benchGenerator(n int) *demo.Generator {
	s := demo.DefaultSizes()
	s.Customers, s.Registry, s.Sales = n, 0, 0
	return demo.New(benchSeed, s)
}

// benchStore opens the store of n generated customers, building it the
// first time. The file lives in the system's temporary folder under a name
// made of the seed, the size, a hash of the migrations and the search
// index's version, so later runs reuse it and a change to any of them builds anew.
func benchStore(b *testing.B, g *demo.Generator) (*DB, time.Duration) {
	b.Helper()
	ctx := context.Background()
	ms, err := loadMigrations(migrations)
	if err != nil {
		b.Fatal(err)
	}
	schema := sha256.New()
	for _, m := range ms {
		schema.Write([]byte(m.sql))
	}
	n := g.Sizes().Customers
	name := fmt.Sprintf("showroom-bench-seed%d-n%d-schema%x-search%d.db",
		benchSeed, n, schema.Sum(nil)[:4], searchIndexVersion)
	path := filepath.Join(os.TempDir(), name)
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".building"
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
		db, err := Open(ctx, tmp, Options{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := db.ImportDealers(ctx, slices.Values(g.Dealers())); err != nil {
			b.Fatal(err)
		}
		if _, err := db.ImportCabinets(ctx, g.Cabinets()); err != nil {
			b.Fatal(err)
		}
		load := time.Since(start)
		if err := db.SetSetting(ctx, "bench.load_seconds", fmt.Sprintf("%.1f", load.Seconds())); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %s with %d customers in %s", path, n, load.Round(time.Second))
	}
	db, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	s, err := db.Setting(ctx, "bench.load_seconds")
	if err != nil {
		b.Fatal(err)
	}
	secs, _ := strconv.ParseFloat(s, 64)
	return db, time.Duration(secs * float64(time.Second))
}

// benchQuery is a query staff might type and the customer it must find
// first (or "" when any hit will do).
type benchQuery struct {
	kind, q, first string
}

// benchQueries makes the mixed queries of service advisors and sales
// managers from k random customers of the store.
func benchQueries(g *demo.Generator, k int) []benchQuery {
	r := rand.New(rand.NewPCG(benchSeed, 2))
	n := g.Sizes().Customers
	var qs []benchQuery
	for range k {
		c := g.Cabinet(r.IntN(n))
		p := c.Customer.Personal
		last := []rune(p.LastName)
		add := func(kind, q, first string) { qs = append(qs, benchQuery{kind, q, first}) }
		add("surname prefix", string(last[:min(len(last), 3+r.IntN(4))]), "")
		ws := nameWords(p.LastName) // the word, then its transliteration
		latin := []rune(ws[len(ws)-1])
		add("surname latin", string(latin[:min(len(latin), 5)]), "")
		add("full name", p.LastName+" "+p.FirstName, "")
		add("email", p.Email, c.Customer.Ref)
		add("email prefix", p.Email[:min(len(p.Email), 8)], "")
		if m := nationalPhone(c.Customer.Contacts.MobilePhone); len(m) == 10 {
			add("phone", "+7 "+m[:3]+" "+m[3:6]+"-"+m[6:8]+"-"+m[8:], c.Customer.Ref)
			add("phone 8", "8"+m, c.Customer.Ref)
			add("phone last 4", m[6:], "")
		}
		if c.Customer.ID != "" {
			add("customer id", c.Customer.ID, c.Customer.Ref)
		}
		for _, v := range c.Garage {
			if v.VIN != "" {
				add("vin", v.VIN, "")
				add("vin last 6", v.VIN[11:], "")
			}
		}
		for _, o := range c.Orders {
			add("order", o.Number, "")
		}
	}
	// The worst case staff can type: two letters.
	for _, q := range []string{"ив", "ан", "се", "ku", "ma"} {
		qs = append(qs, benchQuery{"two letters", q, ""})
	}
	r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

// BenchmarkSearch1M searches a store of a million generated customers with
// a realistic mix of queries and reports the latency percentiles (target:
// p99 under 30 ms) and how long the store took to load.
func BenchmarkSearch1M(b *testing.B) {
	g := benchGenerator(benchCustomers(b))
	db, load := benchStore(b, g)
	qs := benchQueries(g, 300)
	ctx := context.Background()
	// Every query finds something, and an exact one finds its customer
	// first.
	for _, q := range qs {
		hits, err := db.SearchCustomers(ctx, q.q, 20)
		if err != nil {
			b.Fatalf("%s: %v", q.kind, err)
		}
		if len(hits) == 0 || q.first != "" && hits[0].Ref != q.first {
			b.Fatalf("%s query found %d hits, not its customer first", q.kind, len(hits))
		}
	}
	var lat []time.Duration
	byKind := map[string][]time.Duration{}
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		start := time.Now()
		if _, err := db.SearchCustomers(ctx, q.q, 20); err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		lat = append(lat, d)
		byKind[q.kind] = append(byKind[q.kind], d)
	}
	reportPercentiles(b, lat)
	b.ReportMetric(load.Seconds(), "load-s")
	for _, kind := range slices.Sorted(maps.Keys(byKind)) {
		l := byKind[kind]
		slices.Sort(l)
		b.Logf("%-15s %5d queries  p50 %6.2f ms  p99 %6.2f ms", kind, len(l), ms(l[len(l)/2]), ms(l[len(l)*99/100]))
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkRegister registers customers one after another in a store of
// 20,000 and reports the latency percentiles of the commit (target: p99
// under 20 ms), fsync included.
func BenchmarkRegister(b *testing.B) {
	db := mustOpen(b)
	ctx := context.Background()
	if _, err := db.ImportCabinets(ctx, benchGenerator(20_000).Cabinets()); err != nil {
		b.Fatal(err)
	}
	var lat []time.Duration
	i := 0
	for b.Loop() {
		d := draft()
		d.Email = fmt.Sprintf("bench%d@example.ru", i)
		d.VIN = ""
		i++
		start := time.Now()
		if _, err := db.Register(ctx, d); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
	if n, _ := db.OutboxLen(ctx); n != i {
		b.Fatalf("outbox holds %d mutations after %d registrations", n, i)
	}
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(p float64) float64 { return ms(lat[min(len(lat)-1, int(p*float64(len(lat))))]) }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(at(1), "max-ms")
}
