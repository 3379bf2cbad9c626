package demo

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

// translitTable is the everyday transliteration Russians use in e-mail
// addresses (close to the passport rules): Игнатьева → ignateva.
var translitTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// translit lowercases s and writes it in Latin letters; anything but
// letters and digits is dropped, so the result is safe in e-mail and web
// addresses.
func translit(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
		default:
			b.WriteString(translitTable[c]) // "" for anything else
		}
	}
	return b.String()
}

// person is a generated name.
type person struct {
	first, last string
	gender      showroom.Gender
	latin       bool
}

// name draws a person: mostly Russian names with the surname in the form of
// the person's gender, a few in Latin letters.
func (t *tables) name(r *rnd, femaleShare float64) person {
	if r.chance(0.04) {
		l := pick(r, t.latin)
		p := person{first: l.first, last: l.last, gender: showroom.GenderMale, latin: true}
		if l.female {
			p.gender = showroom.GenderFemale
		}
		return p
	}
	s := pick(r, t.surnames)
	if r.chance(femaleShare) {
		return person{first: t.female[r.skewed(len(t.female))], last: s[1], gender: showroom.GenderFemale}
	}
	return person{first: t.male[r.skewed(len(t.male))], last: s[0], gender: showroom.GenderMale}
}

var mailDomains = []string{"mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "rambler.ru", "inbox.ru", "ya.ru"}
var mailDomainCum = cumulative([]int{30, 24, 20, 8, 7, 5, 4, 2})

// email makes a unique address: the number, unique per customer, ends the
// local part, and names have no digits, so two customers can never share an
// address whatever their names.
func (w *worker) email(r *rnd, p person, i int) string {
	first, last := translit(p.first), translit(p.last)
	num := strconv.FormatUint(w.g.mails.at(uint64(i))+1, 10)
	var local string
	switch r.IntN(6) {
	case 0:
		local = first + "." + last
	case 1:
		local = last + "." + first
	case 2:
		local = first + "_" + last
	case 3:
		local = first[:1] + "." + last
	case 4:
		local = last
	default:
		local = first
	}
	return local + num + "@" + mailDomains[r.weighted(mailDomainCum)]
}

// mobile is a unique Russian mobile number in the form +79XXXXXXXXX.
func (w *worker) mobile(i int) string {
	n := w.g.phones.at(uint64(i))
	var b [12]byte
	copy(b[:], "+79")
	for k := 11; k >= 3; k-- {
		b[k] = byte('0' + n%10)
		n /= 10
	}
	return string(b[:])
}

// landline is a city number: +7, the city code and the local number.
func landline(r *rnd, c city) string { return "+7" + c.phoneCode + localNumber(r, c.phoneCode) }

// birthDate draws a car owner's date of birth: 20 to 75 years old, mostly 30-55.
func birthDate(r *rnd, now time.Time) time.Time {
	age := scale(20, 75, (r.Float64()+r.Float64()+r.Float64())/3)
	d := now.AddDate(0, 0, -int(age*365.25))
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// contacts fills «Мои контакты»: each field is there with probability fill,
// the mobile phone for most customers whatever their fill; at fill 1 every
// field is there.
func (w *worker) contacts(r *rnd, c city, i int, fill float64) showroom.Contacts {
	t := w.g.t
	has := func(p float64) bool { return fill >= 1 || r.chance(p) }
	var k showroom.Contacts
	if has(fill + 0.2) {
		k.Country = "Россия"
	}
	if has(fill) {
		k.Region = c.region
	}
	if has(fill) {
		k.City = c.name
	}
	if has(fill * 0.9) {
		k.Postcode = pad6(c.postcode + r.IntN(c.postcodeSpread+1))
	}
	if has(fill * 0.7) {
		k.District = pick(r, c.districts)
	}
	if has(fill) {
		st := t.streetTypes[r.weighted(t.streetCum)]
		k.StreetType, k.Street = st.name, pick(r, t.streetNames)
		k.House = strconv.Itoa(r.between(1, 180))
		if r.chance(0.15) {
			k.House += "/" + strconv.Itoa(r.between(1, 4))
		}
		if has(0.8) {
			k.Flat = strconv.Itoa(r.between(1, 320))
		}
	}
	if has(fill * 0.4) {
		k.HomePhone = landline(r, c)
	}
	if has(scale(0.6, 1, fill)) {
		k.MobilePhone = w.mobile(i)
		if has(fill) {
			k.MobilePhoneType = "личный"
			if r.chance(0.2) {
				k.MobilePhoneType = "рабочий"
			}
		}
	}
	if has(fill * 0.3) {
		k.WorkPhone = landline(r, c)
	}
	return k
}

// additional fills «Дополнительные сведения» with probability fill each.
func (w *worker) additional(r *rnd, fill float64) showroom.AdditionalInfo {
	t := w.g.t
	has := func(p float64) bool { return fill >= 1 || r.chance(p) }
	var a showroom.AdditionalInfo
	if has(fill) {
		n := min(r.IntN(4), r.IntN(4))
		a.Children = &n
	}
	if has(fill) {
		k := r.between(1, 3)
		a.Interests = make([]string, 0, k)
		for len(a.Interests) < k {
			s := pick(r, t.interests)
			if !slices.Contains(a.Interests, s) {
				a.Interests = append(a.Interests, s)
			}
		}
	}
	if has(fill) {
		a.Profession = pick(r, t.professions)
	}
	return a
}
