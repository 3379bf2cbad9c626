package demo

import (
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

// vinAlphabet holds the characters a VIN may use: no I, O or Q.
const vinAlphabet = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"

// yearCodes are the model-year characters of position 10, from 2001.
const yearCodes = "123456789ABCDEFGHJKLMNPRSTVWXY"

// plateLetters are the Cyrillic letters Russian plates use: those that look
// like Latin ones.
var plateLetters = []rune("АВЕКМНОРСТУХ")

// car is what the factory built: the registry record and the garage card
// both follow from it. n is the car's number, unique in the data set: it
// makes the VIN unique.
type car struct {
	n       uint64
	v       *version
	trim    int
	gearbox int
	body    int
	build   time.Time
}

// newCar draws a car built at the given time, of a version built then.
func (g *Generator) newCar(r *rnd, n uint64, build time.Time) car {
	v := &g.t.versions[g.versionAt(r, build)]
	return car{n: n, v: v, trim: r.IntN(len(v.trims)), gearbox: r.IntN(len(v.gearboxes)),
		body: r.IntN(len(v.bodies)), build: build}
}

func (g *Generator) buildVersionsByYear() {
	g.firstYear = g.t.versions[0].from
	for _, v := range g.t.versions {
		g.firstYear = min(g.firstYear, v.from)
	}
	last := max(g.now.Year(), g.firstYear)
	for y := g.firstYear; y <= last; y++ {
		ws := make([]int, len(g.t.versions))
		for i, v := range g.t.versions {
			if v.from <= y && (v.to == 0 || y <= v.to) {
				ws[i] = v.weight
			}
		}
		g.yearCum = append(g.yearCum, cumulative(ws))
	}
}

// versionAt picks a version built in t's year, by the weights of the range.
func (g *Generator) versionAt(r *rnd, t time.Time) int {
	y := min(max(t.Year(), g.firstYear), g.firstYear+len(g.yearCum)-1)
	return r.weighted(g.yearCum[y-g.firstYear])
}

// earliestBuild is the first day a car can have been built.
func (g *Generator) earliestBuild() time.Time {
	return time.Date(g.firstYear, time.March, 1, 0, 0, 0, 0, time.UTC)
}

// vin writes the car's VIN: WMI, VDS model code, position 6, the engine's
// characters, a version digit, the model year, then position 11 and the
// serial, which carry a bijection of the car's number.
func (g *Generator) vin(c car) string {
	var b [17]byte
	v := c.v
	copy(b[0:3], v.wmi)
	copy(b[3:5], v.vds)
	b[5] = v.pos6
	copy(b[6:8], v.engineVIN)
	h := mix64(g.seed ^ mix64(c.n))
	b[8] = byte('1' + h%9)
	b[9] = yearCodes[(c.build.Year()-2001)%len(yearCodes)]
	p := g.vins.at(c.n)
	b[10] = vinAlphabet[p/1_000_000]
	s := p % 1_000_000
	for k := 16; k >= 11; k-- {
		b[k] = byte('0' + s%10)
		s /= 10
	}
	if c.n == 0 && g.s.Customers > 0 { // the showcase Fluence: VF1LZBR0542606589
		b[8], b[9] = '5', '4'
	}
	return string(b[:])
}

// engineNumber writes type, index, plant and a 6-digit serial: K4MA690C123456.
func (g *Generator) engineNumber(c car) string {
	s := g.engines.at(c.n)
	var b strings.Builder
	b.Grow(14)
	b.WriteString(c.v.engine)
	b.WriteString(c.v.index)
	b.WriteByte(c.v.plant)
	d := strconv.FormatUint(s, 10)
	b.WriteString(strings.Repeat("0", 6-len(d)))
	b.WriteString(d)
	return b.String()
}

// versionName is the trim, the engine and an automatic gearbox:
// "Expression 1.6 16V 102 л.с.", "Privilège 2.0 16V 143 л.с. 4x4 АКП4".
func (c car) versionName() string {
	s := c.v.trims[c.trim] + " " + c.v.label
	if gb := c.v.gearboxes[c.gearbox]; !strings.HasPrefix(gb, "МКП") {
		s += " " + gb
	}
	return s
}

// equipment picks options from the list: most of its first part for a
// basic trim, more of it the higher the trim, now and then an extra.
func (g *Generator) equipment(c car) []string {
	all := g.t.equipment
	rank := 0.5
	if len(c.v.trims) > 1 {
		rank = float64(c.trim) / float64(len(c.v.trims)-1)
	}
	h := mix64(g.seed ^ mix64(c.n^0x5eed))
	limit := 4 + int(rank*14) + int(h%3)
	h = mix64(h)
	out := make([]string, 0, limit+2)
	for k, e := range all {
		if k == 16 {
			h = mix64(h)
		}
		bits := h >> (k % 16 * 4) & 0xf
		if (k < limit && bits < 14) || (k >= limit && bits == 0) {
			out = append(out, e)
		}
	}
	return out
}

// record is the car's entry in the factory registry.
func (g *Generator) record(c car) showroom.FactoryRecord {
	return showroom.FactoryRecord{
		VIN:          g.vin(c),
		Model:        c.v.model,
		Version:      c.versionName(),
		Body:         c.v.bodies[c.body],
		EngineNumber: g.engineNumber(c),
		BuildDate:    c.build,
		Equipment:    g.equipment(c),
	}
}

// plate draws a registration number of the city's region, А123ВС 66, with
// the region's newer code for newer cars.
func plate(r *rnd, c city, built time.Time) string {
	code := c.plates[min(len(c.plates)-1, max(0, (built.Year()-2004)/6))]
	var b strings.Builder
	b.Grow(20)
	b.WriteRune(plateLetters[r.IntN(len(plateLetters))])
	n := r.between(1, 999)
	b.WriteByte(byte('0' + n/100))
	b.WriteByte(byte('0' + n/10%10))
	b.WriteByte(byte('0' + n%10))
	b.WriteRune(plateLetters[r.IntN(len(plateLetters))])
	b.WriteRune(plateLetters[r.IntN(len(plateLetters))])
	b.WriteByte(' ')
	b.WriteString(code)
	return b.String()
}

// mileage is what a car built then has run by now: 7,000 to 24,000 km a year.
func mileage(r *rnd, built, now time.Time) int {
	years := now.Sub(built).Hours() / (24 * 365.25)
	km := int(years * float64(r.between(7000, 24000)))
	return max(km/10*10, 5+r.IntN(40))
}
