package demo

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// The generator's inputs are small text tables in data/, embedded so that the
// binary carries them. They are parsed once, on first use; a malformed table
// is a bug of this package and panics (the tests load every table).
//
//go:embed data
var files embed.FS

type city struct {
	region, name   string
	lat, lon       float64
	phoneCode      string
	postcode       int
	postcodeSpread int
	plates         []string
	weight         int
	districts      []string
	main           bool // the first city of its region in the table
}

type brand struct {
	name, latin string
	regions     []string // empty: anywhere
}

type streetType struct {
	name, abbr string
}

type latinName struct {
	female      bool
	first, last string
}

// version is one row of versions.csv: a model generation with one engine.
type version struct {
	model, vds, wmi string
	pos6            byte
	bodies          []string
	from, to        int // build years; to = 0 while still built
	engine, index   string
	plant           byte
	engineVIN       string
	label           string
	gearboxes       []string
	trims           []string
	weight          int
}

type tables struct {
	cities       []city
	brands       []brand
	streetTypes  []streetType
	streetCum    []int
	streetNames  []string
	male, female []string
	surnames     [][2]string // masculine, feminine
	latin        []latinName
	versions     []version
	equipment    []string
	professions  []string
	interests    []string
	messages     map[string]record
	offers       []record
	recalls      []record
	recallRules  []recallRule
	consentText  string
}

// commonDistricts serve the cities whose districts the table does not list.
var commonDistricts = []string{"Центральный", "Ленинский", "Советский", "Октябрьский", "Заводской"}

var loadTables = sync.OnceValue(func() *tables {
	t := &tables{}
	for _, f := range rows("regions.csv", 10) {
		c := city{region: f[0], name: f[1], lat: float(f[2]), lon: float(f[3]), phoneCode: f[4],
			postcode: integer(f[5]), postcodeSpread: integer(f[6]), plates: strings.Fields(f[7]),
			weight: integer(f[8]), districts: list(f[9])}
		if c.districts == nil {
			c.districts = commonDistricts
		}
		c.main = len(t.cities) == 0 || t.cities[len(t.cities)-1].region != c.region
		t.cities = append(t.cities, c)
	}
	for _, f := range rows("dealer_brands.csv", 3) {
		t.brands = append(t.brands, brand{name: f[0], latin: f[1], regions: list(f[2])})
	}
	var ws []int
	for _, f := range rows("streets.csv", 3) {
		t.streetTypes = append(t.streetTypes, streetType{name: f[0], abbr: f[1]})
		ws = append(ws, integer(f[2]))
	}
	t.streetCum = cumulative(ws)
	t.streetNames = lines("street_names.txt")
	t.male = lines("names_male.txt")
	t.female = lines("names_female.txt")
	for _, f := range rows("surnames.csv", 2) {
		t.surnames = append(t.surnames, [2]string{f[0], f[1]})
	}
	for _, f := range rows("names_latin.csv", 3) {
		t.latin = append(t.latin, latinName{female: f[0] == "female", first: f[1], last: f[2]})
	}
	for _, f := range rows("versions.csv", 15) {
		v := version{model: f[0], vds: f[1], wmi: f[2], pos6: f[3][0], bodies: list(f[4]),
			from: integer(f[5]), engine: f[7], index: f[8], plant: f[9][0], engineVIN: f[10],
			label: f[11], gearboxes: list(f[12]), trims: list(f[13]), weight: integer(f[14])}
		if f[6] != "" {
			v.to = integer(f[6])
		}
		t.versions = append(t.versions, v)
	}
	t.equipment = lines("equipment.txt")
	sections := map[string][]string{}
	var cur string
	for _, l := range lines("profile.txt") {
		if strings.HasPrefix(l, "[") {
			cur = strings.Trim(l, "[]")
			continue
		}
		sections[cur] = append(sections[cur], l)
	}
	t.professions, t.interests = sections["professions"], sections["interests"]
	t.messages = map[string]record{}
	for _, r := range records("messages.txt") {
		t.messages[r.key] = r
	}
	t.offers = records("offers.txt")
	t.recalls = records("recalls.txt")
	t.recallRules = loadRecalls(t)
	t.consentText = read(consentFile)
	return t
})

const consentFile = "consent_" + ConsentTextVersion + ".txt"

func read(name string) string {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// lines returns the non-empty lines of a data file that are not comments.
func lines(name string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(read(name)))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// rows splits the lines of a ";"-separated table, checking the column count.
func rows(name string, cols int) [][]string {
	var out [][]string
	for _, l := range lines(name) {
		f := strings.Split(l, ";")
		if len(f) != cols {
			panic(fmt.Sprintf("demo: %s: %d columns, want %d: %q", name, len(f), cols, l))
		}
		out = append(out, f)
	}
	return out
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func integer(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		panic("demo: bad number in data: " + s)
	}
	return n
}

func float(s string) float64 {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic("demo: bad number in data: " + s)
	}
	return x
}

// record is one entry of a record file: "== key", then "field: value" lines,
// then an optional "body:" whose text runs to the next record.
type record struct {
	key    string
	fields map[string]string
	body   string
}

func (r record) get(field string) string { return r.fields[field] }

func records(name string) []record {
	var out []record
	var body []string
	inBody := false
	flush := func() {
		if len(out) > 0 {
			out[len(out)-1].body = strings.TrimSpace(strings.Join(body, "\n"))
		}
		body, inBody = nil, false
	}
	sc := bufio.NewScanner(strings.NewReader(read(name)))
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "== "):
			flush()
			out = append(out, record{key: strings.TrimSpace(l[3:]), fields: map[string]string{}})
		case inBody:
			body = append(body, l)
		case len(out) == 0 || strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "":
		case strings.TrimSpace(l) == "body:":
			inBody = true
		default:
			k, v, ok := strings.Cut(l, ":")
			if !ok {
				panic(fmt.Sprintf("demo: %s: not a field: %q", name, l))
			}
			out[len(out)-1].fields[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	flush()
	return out
}
