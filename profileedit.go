package showroom

import (
	"strings"
	"time"
	"unicode"
)

// ProfileEdit is a change made to a customer's cabinet for them: the
// sections of «Мой профиль» it replaces whole (each is changed with
// «Изменить») and «Мой будущий Renault». A nil section stays as it is.
// The e-mail address is the customer's login and the password is theirs
// alone: neither is changed this way (see Apply).
type ProfileEdit struct {
	Personal  *PersonalData
	Contacts  *Contacts
	Extra     *AdditionalInfo
	FutureCar *FutureCar
}

// Limits of the profile's fields.
const (
	MaxChildren    = 20
	MaxFieldLength = 100
	postcodeDigits = 6
)

// Reasons of the profile's fields beyond the validators' own.
const (
	ReasonPostcode       Reason = "postcode"        // digits
	ReasonChildren       Reason = "children"        // max
	ReasonBirthFuture    Reason = "birth_future"    //
	ReasonBirthTooEarly  Reason = "birth_too_early" //
	ReasonFieldTooLong   Reason = "field_too_long"  // max
	ReasonFieldCharacter Reason = "field_character" //
	ReasonFutureNoModel  Reason = "future_no_model" //
	ReasonMileage        Reason = "mileage"         // max
)

// MaxMileage bounds a car's total mileage as typed.
const MaxMileage = 1_999_999

func init() {
	allReasons = append(allReasons, ReasonPostcode, ReasonChildren, ReasonBirthFuture, ReasonBirthTooEarly,
		ReasonFieldTooLong, ReasonFieldCharacter, ReasonFutureNoModel, ReasonMileage)
	for r, t := range map[Reason]text{
		ReasonPostcode:       {"A postcode is %d digits.", "Почтовый индекс — %d цифр."},
		ReasonChildren:       {"The number of children is from 0 to %d.", "Количество детей — от 0 до %d."},
		ReasonBirthFuture:    {"The date of birth is in the future.", "Дата рождения ещё не наступила."},
		ReasonBirthTooEarly:  {"The date of birth is more than 120 years ago.", "Дата рождения — более 120 лет назад."},
		ReasonFieldTooLong:   {"At most %d characters.", "Не более %d символов."},
		ReasonFieldCharacter: {"The text has a control character.", "В тексте есть управляющий символ."},
		ReasonFutureNoModel:  {"Choose the model.", "Выберите модель."},
		ReasonMileage:        {"The mileage is from 0 to %d km.", "Пробег — от 0 до %d км."},
	} {
		texts[r] = t
	}
}

// Normalize checks the edit's sections at time now and normalises them as
// the portal does: names as NormalizeName, phones as NormalizePhone (the
// mobile one as NormalizeMobile), text trimmed. It returns nil or
// ValidationErrors whose Fields are the profile's Field keys
// ("first_name", "mobile_phone", "postcode", …; "model" for the future
// car), so that a form shows each message beside its field.
func (e *ProfileEdit) Normalize(now time.Time) error {
	var errs ValidationErrors
	if p := e.Personal; p != nil {
		for _, f := range []struct {
			field string
			s     *string
		}{{"first_name", &p.FirstName}, {"last_name", &p.LastName}} {
			v, err := NormalizeName(f.field, *f.s)
			if err != nil {
				errs.add(err)
				continue
			}
			*f.s = v
		}
		switch p.Gender {
		case GenderUnknown, GenderMale, GenderFemale:
		default:
			errs.add(Errorf(EInvalid, string(FieldGender), Reason(EInvalid)))
		}
		switch p.PreferredChannel {
		case ChannelNone, ChannelEmail, ChannelSMS, ChannelPhone:
		default:
			errs.add(Errorf(EInvalid, string(FieldPreferredChannel), Reason(EInvalid)))
		}
		if b := p.BirthDate; !b.IsZero() {
			switch {
			case b.After(now):
				errs.add(Errorf(EInvalid, string(FieldBirthDate), ReasonBirthFuture))
			case b.Before(now.AddDate(-120, 0, 0)):
				errs.add(Errorf(EInvalid, string(FieldBirthDate), ReasonBirthTooEarly))
			}
		}
	}
	if c := e.Contacts; c != nil {
		for _, f := range []struct {
			field Field
			s     *string
		}{{FieldCountry, &c.Country}, {FieldRegion, &c.Region}, {FieldCity, &c.City}, {FieldDistrict, &c.District},
			{FieldStreetType, &c.StreetType}, {FieldStreet, &c.Street}, {FieldHouse, &c.House}, {FieldFlat, &c.Flat},
			{FieldMobilePhoneType, &c.MobilePhoneType}} {
			errs.add(plainText(f.field, f.s))
		}
		if c.Postcode = strings.TrimSpace(c.Postcode); c.Postcode != "" && !isDigits(c.Postcode, postcodeDigits) {
			errs.add(Errorf(EInvalid, string(FieldPostcode), ReasonPostcode, postcodeDigits))
		}
		for _, f := range []struct {
			field Field
			s     *string
			norm  func(string) (string, error)
		}{{FieldHomePhone, &c.HomePhone, NormalizePhone}, {FieldMobilePhone, &c.MobilePhone, NormalizeMobile},
			{FieldWorkPhone, &c.WorkPhone, NormalizePhone}} {
			if *f.s = strings.TrimSpace(*f.s); *f.s == "" {
				continue
			}
			v, err := f.norm(*f.s)
			if err != nil {
				errs.add(refield(err, f.field))
				continue
			}
			*f.s = v
		}
	}
	if x := e.Extra; x != nil {
		if x.Children != nil && (*x.Children < 0 || *x.Children > MaxChildren) {
			errs.add(Errorf(EInvalid, string(FieldChildren), ReasonChildren, MaxChildren))
		}
		var interests []string
		for _, s := range x.Interests {
			if err := plainText(FieldInterests, &s); err != nil {
				errs.add(err)
				break
			}
			if s != "" {
				interests = append(interests, s)
			}
		}
		x.Interests = interests
		errs.add(plainText(FieldProfession, &x.Profession))
	}
	if f := e.FutureCar; f != nil {
		for _, s := range []*string{&f.Model, &f.Body, &f.Engine, &f.Trim, &f.Gearbox, &f.Colour} {
			errs.add(plainText("model", s))
		}
		if f.Model == "" {
			errs.add(Errorf(EInvalid, "model", ReasonFutureNoModel))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Apply returns c with the edit's sections. The e-mail address stays c's:
// it is the login, changed only by the customer.
func (e ProfileEdit) Apply(c Customer) Customer {
	if e.Personal != nil {
		email := c.Personal.Email
		c.Personal = *e.Personal
		c.Personal.Email = email
	}
	if e.Contacts != nil {
		c.Contacts = *e.Contacts
	}
	if e.Extra != nil {
		c.Extra = *e.Extra
	}
	if e.FutureCar != nil {
		f := *e.FutureCar
		c.FutureCar = &f
	}
	return c
}

// VehicleEdit is what the customer says about a car of the garage
// («Изменить данные»): the rest comes from the factory.
type VehicleEdit struct {
	Nickname string
	Plate    string
	Mileage  int
}

// Normalize trims the texts, writes the registration number in capitals
// without spaces and checks the mileage. It returns nil or
// ValidationErrors with Fields "nickname", "plate" and "mileage".
func (e *VehicleEdit) Normalize() error {
	var errs ValidationErrors
	errs.add(plainText("nickname", &e.Nickname))
	e.Plate = strings.ToUpper(strings.Join(strings.Fields(e.Plate), ""))
	errs.add(plainText("plate", &e.Plate))
	if e.Mileage < 0 || e.Mileage > MaxMileage {
		errs.add(Errorf(EInvalid, "mileage", ReasonMileage, MaxMileage))
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// plainText trims *s and checks that it is at most MaxFieldLength
// characters without control characters.
func plainText(field Field, s *string) error {
	*s = strings.TrimSpace(*s)
	if len([]rune(*s)) > MaxFieldLength {
		return Errorf(EInvalid, string(field), ReasonFieldTooLong, MaxFieldLength)
	}
	if strings.ContainsFunc(*s, unicode.IsControl) {
		return Errorf(EInvalid, string(field), ReasonFieldCharacter)
	}
	return nil
}

// refield returns err's *Error for another field: the validators name
// their own kind of field ("phone"), a form names which one.
func refield(err error, field Field) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	c := *e
	c.Field = string(field)
	return &c
}
