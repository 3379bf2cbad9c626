package demo

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

var monthsGenitive = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
	"августа", "сентября", "октября", "ноября", "декабря"}

// russianDate writes "31 января 2012".
func russianDate(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + monthsGenitive[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// vars are the values a message template's placeholders take.
type vars struct {
	name, full, dealer, city, model, plate, vin, order, campaign, date, text, remedy string
}

func (v *vars) lookup(key string) (string, bool) {
	switch key {
	case "name":
		return v.name, true
	case "full":
		return v.full, true
	case "dealer":
		return v.dealer, true
	case "city":
		return v.city, true
	case "model":
		return v.model, true
	case "plate":
		if v.plate == "" {
			return "", true
		}
		return " " + v.plate, true
	case "vin":
		return v.vin, true
	case "order":
		return v.order, true
	case "campaign":
		return v.campaign, true
	case "date":
		return v.date, true
	case "text":
		return v.text, true
	case "remedy":
		return v.remedy, true
	}
	return "", false
}

// expand fills a template's {placeholders}.
func (v *vars) expand(s string) string {
	if strings.IndexByte(s, '{') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 64)
	for {
		i := strings.IndexByte(s, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(s[i+1:], '}')
		}
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		if val, ok := v.lookup(s[i+1 : i+1+j]); ok {
			b.WriteString(val)
		} else {
			b.WriteString(s[i : i+2+j])
		}
		s = s[i+2+j:]
	}
}

// newsKeys are the templates of the messages a customer gets over time.
var newsKeys = [...]string{"news", "assistance", "winter", "service_due", "extra", "offer_ks200"}

// messages fills «Мои сообщения»: «Добро пожаловать» first, then news,
// reminders and offers over the months since registration, recall notices
// for the garage's cars, and the order's news. Older messages are mostly
// read; a customer who has not confirmed the account has read nothing.
func (w *worker) messages(sk *skeleton, cab *showroom.Cabinet, d *showroom.Dealer, c city) []showroom.Message {
	g, r := w.g, w.msgs
	r.reset(g.seed, streamMessages, uint64(sk.i))
	cu := &cab.Customer
	v := vars{name: cu.Personal.FirstName, full: cu.FullName(), dealer: d.Name, city: c.name}
	out := make([]showroom.Message, 0, 8)
	welcome := sk.created.Add(2 * time.Minute)
	add := func(key string, at time.Time) {
		if key != "welcome" && !at.After(welcome) { // news of before the registration comes with it
			at = welcome.Add(time.Minute)
		}
		if at.After(g.now) {
			at = g.now
		}
		t := g.t.messages[key]
		out = append(out, showroom.Message{CustomerRef: cu.Ref, Subject: v.expand(t.get("subject")), Body: v.expand(t.body), At: at})
	}
	add("welcome", welcome)

	since := g.now.Sub(sk.created)
	if sk.state != showroom.StatePending {
		var car *showroom.Vehicle
		for k := range cab.Garage {
			if cab.Garage[k].VIN != "" && cab.Garage[k].OrderNumber == "" {
				car = &cab.Garage[k]
				break
			}
		}
		// A few of the news templates, each at most once, at random times.
		keys := [len(newsKeys)]int{}
		for k := range keys {
			keys[k] = k
		}
		n := min(len(keys), int(since/(120*day))+r.IntN(2))
		for k := range n {
			x := k + r.IntN(len(keys)-k)
			keys[k], keys[x] = keys[x], keys[k]
			at := sk.created.Add(r.duration(day, since)).Truncate(time.Minute)
			switch key := newsKeys[keys[k]]; key {
			case "service_due", "offer_ks200":
				if car != nil {
					v.model, v.plate = car.Model, car.Plate
					add(key, at)
				}
			case "extra": // Renault Extra is for cars under three years old
				if car != nil && at.Sub(car.BuildDate) < 3*365*day {
					v.model, v.plate = car.Model, car.Plate
					add(key, at)
				}
			case "winter":
				if m := at.Month(); m == time.October || m == time.November {
					add(key, at)
				}
			default:
				add(key, at)
			}
		}
		for _, veh := range cab.Garage {
			if veh.VIN == "" {
				continue
			}
			for _, rc := range g.recallsFor(veh.Model, veh.BuildDate) {
				v.vin, v.campaign, v.date, v.text, v.remedy = veh.VIN, rc.Campaign, russianDate(rc.Date), rc.Text, rc.Remedy
				at := rc.Date
				if veh.AddedAt.After(at) {
					at = veh.AddedAt
				}
				add("recall", at.Add(r.duration(time.Hour, 3*day)).Truncate(time.Minute))
			}
		}
		if len(cab.Orders) > 0 {
			o := &cab.Orders[0]
			p := &sk.order
			v.order, v.model = o.Number, p.car.v.model
			at := p.events[0]
			if sk.created.After(at) {
				at = sk.created
			}
			add("order_received", at.Add(5*time.Minute))
			if o.Status == showroom.OrderAtDealer {
				switch shown := p.events[3].Add(5 * day); {
				case !o.AnnouncedAt.IsZero():
					add("order_arrived", o.AnnouncedAt)
				case !shown.After(g.now):
					add("order_arrived", shown)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b showroom.Message) int { return a.At.Compare(b.At) })
	for j := range out {
		m := &out[j]
		m.ID = uuidOf(g.seed, streamMessageID, uint64(sk.i)*32+uint64(j))
		if sk.state == showroom.StatePending {
			continue
		}
		old := g.now.Sub(m.At) > 14*day
		m.Read = old && r.chance(0.85) || !old && r.chance(0.35)
		m.Deleted = m.Read && g.now.Sub(m.At) > 60*day && r.chance(0.05)
	}
	return out
}
