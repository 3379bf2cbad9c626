package demo

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/myrenault/showroom"
)

// automir is the one dealer every data set has, as the programme's examples
// name it.
var automir = showroom.Dealer{
	Code:    AutomirEkaterinburg,
	Name:    "Автомир-Екатеринбург",
	Region:  "Свердловская область",
	City:    "Екатеринбург",
	Address: "ул. Металлургов, 67",
	Phone:   "+73432286122",
	Email:   "info@avtomir-ekaterinburg.ru",
	Lat:     56.826712,
	Lon:     60.535247,
}

// Suffixes that tell apart two dealers of one group in one city.
var dealerSuffixes = []string{"Север", "Юг", "Запад", "Восток", "Центр", "Сити", "Плюс", "Премиум"}

var suffixLatin = map[string]string{"Север": "sever", "Юг": "yug", "Запад": "zapad", "Восток": "vostok",
	"Центр": "centr", "Сити": "city", "Плюс": "plus", "Премиум": "premium"}

// buildDealers spreads the directory over the cities: a first round gives
// every region's main city a dealer, then every other city one, and later
// rounds add dealers to cities by their weight, so big cities get several.
func (g *Generator) buildDealers() {
	t := g.t
	regions := []string{automir.Region}
	for _, c := range t.cities {
		if !slices.Contains(regions, c.region) {
			regions = append(regions, c.region)
		}
	}
	if g.s.Regions > 0 && g.s.Regions < len(regions) {
		regions = regions[:g.s.Regions]
	}
	var order []int // city indices, one per dealer place, in the order they are filled
	maxWeight := 0
	for _, c := range t.cities {
		maxWeight = max(maxWeight, c.weight)
	}
	for round := range maxWeight {
		for pass := range 2 {
			for ci, c := range t.cities {
				if !slices.Contains(regions, c.region) || c.weight <= round || (round == 0 && c.main != (pass == 0)) ||
					(round > 0 && pass == 1) {
					continue
				}
				order = append(order, ci)
			}
		}
	}
	ekb := -1
	for ci, c := range t.cities {
		if c.name == automir.City {
			ekb = ci
			break
		}
	}

	n := max(g.s.Dealers, 1)
	other := g.s.Dealer != "" && g.s.Dealer != AutomirEkaterinburg
	if other {
		n = max(n, 2)
	}
	g.dealers = []showroom.Dealer{automir}
	g.dealerCity = []int{ekb}
	usedName := map[string]bool{automir.Name: true}
	usedCode := map[string]bool{automir.Code: true, g.s.Dealer: true}
	weights := []int{5}
	r := newRnd()
	skippedEkb := false
	for k := 0; len(g.dealers) < n; k++ {
		ci := order[k%len(order)]
		if ci == ekb && !skippedEkb { // Автомир-Екатеринбург holds this place
			skippedEkb = true
			continue
		}
		i := len(g.dealers)
		r.reset(g.seed, streamDealer, uint64(i))
		d, latin := g.dealerAt(r, t.cities[ci], usedName)
		if other && i == 1 {
			d.Code = g.s.Dealer
		} else {
			for d.Code == "" || usedCode[d.Code] {
				d.Code = pad6(r.between(1000, 19999))
			}
		}
		usedName[d.Name], usedCode[d.Code] = true, true
		d.Email = "info@" + latin + ".ru"
		g.dealers = append(g.dealers, d)
		g.dealerCity = append(g.dealerCity, ci)
		weights = append(weights, 1+r.IntN(5))
	}
	if other {
		g.interest = 1
	}
	g.dealerCum = cumulative(weights)
	g.peers = make([][]int, len(g.dealers))
	for i, d := range g.dealers {
		for j, e := range g.dealers {
			if i != j && d.Region == e.Region {
				g.peers[i] = append(g.peers[i], j)
			}
		}
	}
}

// dealerAt makes a dealer of city c: name, address, phone (stored like the
// customers' phones, as "+7", the city code and the number), coordinates, and
// the Latin name its web and e-mail addresses use.
func (g *Generator) dealerAt(r *rnd, c city, usedName map[string]bool) (showroom.Dealer, string) {
	var cands []brand
	for _, b := range g.t.brands {
		if len(b.regions) == 0 || slices.Contains(b.regions, c.region) {
			cands = append(cands, b)
		}
	}
	var name, latin string
	for try := 0; name == "" || usedName[name]; try++ {
		b := pick(r, cands)
		name, latin = b.name+"-"+c.name, b.latin+"-"+translit(c.name)
		if usedName[name] {
			s := dealerSuffixes[r.IntN(len(dealerSuffixes))]
			name, latin = name+" "+s, latin+"-"+suffixLatin[s]
		}
		if try > 50 {
			name, latin = name+" "+strconv.Itoa(try), latin+strconv.Itoa(try)
		}
	}
	st := g.t.streetTypes[r.weighted(g.t.streetCum)]
	return showroom.Dealer{
		Name:    name,
		Region:  c.region,
		City:    c.name,
		Address: st.abbr + " " + pick(r, g.t.streetNames) + ", " + strconv.Itoa(r.between(1, 250)),
		Phone:   landline(r, c),
		Lat:     round6(c.lat + scale(-0.06, 0.06, r.Float64())),
		Lon:     round6(c.lon + scale(-0.1, 0.1, r.Float64())),
	}, latin
}

// localNumber draws the digits that follow +7 and the city code: ten in all.
func localNumber(r *rnd, code string) string {
	n := 10 - len(code)
	b := make([]byte, n)
	b[0] = byte('2' + r.IntN(7)) // local numbers start with 2-8
	for i := 1; i < n; i++ {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func pad6(n int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", max(0, 6-len(s))) + s
}
