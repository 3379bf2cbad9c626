package showroom

import "strings"

// Field is a field of the cabinet's profile («Мой профиль»), named by a
// stable key: the field's JSON name in Customer.
type Field string

// Profile fields, in the cabinet's order.
const (
	FieldFirstName        Field = "first_name"
	FieldLastName         Field = "last_name"
	FieldGender           Field = "gender"
	FieldBirthDate        Field = "birth_date"
	FieldEmail            Field = "email"
	FieldPreferredChannel Field = "preferred_channel"
	FieldMarketingConsent Field = "marketing_consent"
	FieldCountry          Field = "country"
	FieldRegion           Field = "region"
	FieldPostcode         Field = "postcode"
	FieldCity             Field = "city"
	FieldDistrict         Field = "district"
	FieldStreetType       Field = "street_type"
	FieldStreet           Field = "street"
	FieldHouse            Field = "house"
	FieldFlat             Field = "flat"
	FieldHomePhone        Field = "home_phone"
	FieldMobilePhone      Field = "mobile_phone"
	FieldMobilePhoneType  Field = "mobile_phone_type"
	FieldWorkPhone        Field = "work_phone"
	FieldChildren         Field = "children"
	FieldInterests        Field = "interests"
	FieldProfession       Field = "profession"
)

// profileField is a field's labels, weight and test of being filled in.
type profileField struct {
	field  Field
	en, ru string
	weight int
	filled func(Customer) bool
}

func filledString(f func(Customer) string) func(Customer) bool {
	return func(c Customer) bool { return strings.TrimSpace(f(c)) != "" }
}

// profileFields lists every field of PersonalData, Contacts and
// AdditionalInfo, in the cabinet's order; the weights add up to 100 and are
// the table in Completeness's comment.
var profileFields = []profileField{
	{FieldFirstName, "First name", "Имя", 10, filledString(func(c Customer) string { return c.Personal.FirstName })},
	{FieldLastName, "Last name", "Фамилия", 10, filledString(func(c Customer) string { return c.Personal.LastName })},
	{FieldGender, "Gender", "Пол", 4, func(c Customer) bool { return c.Personal.Gender != GenderUnknown }},
	{FieldBirthDate, "Date of birth", "Дата рождения", 5, func(c Customer) bool { return !c.Personal.BirthDate.IsZero() }},
	{FieldEmail, "E-mail", "Эл. почта", 10, filledString(func(c Customer) string { return c.Personal.Email })},
	{FieldPreferredChannel, "Preferred way of communication", "Предпочтительный способ коммуникации", 4,
		func(c Customer) bool { return c.Personal.PreferredChannel != ChannelNone }},
	{FieldMarketingConsent, "Consent to communication", "Согласие на коммуникацию", 3,
		func(c Customer) bool { return c.Personal.MarketingConsent }},
	{FieldCountry, "Country", "Страна", 3, filledString(func(c Customer) string { return c.Contacts.Country })},
	{FieldRegion, "Region", "Регион", 3, filledString(func(c Customer) string { return c.Contacts.Region })},
	{FieldPostcode, "Postcode", "Почтовый индекс", 3, filledString(func(c Customer) string { return c.Contacts.Postcode })},
	{FieldCity, "City", "Город", 4, filledString(func(c Customer) string { return c.Contacts.City })},
	{FieldDistrict, "District", "Район", 2, filledString(func(c Customer) string { return c.Contacts.District })},
	{FieldStreetType, "Street type", "Тип улицы", 2, filledString(func(c Customer) string { return c.Contacts.StreetType })},
	{FieldStreet, "Street", "Улица", 3, filledString(func(c Customer) string { return c.Contacts.Street })},
	{FieldHouse, "House", "Дом", 3, filledString(func(c Customer) string { return c.Contacts.House })},
	{FieldFlat, "Flat", "Квартира", 2, filledString(func(c Customer) string { return c.Contacts.Flat })},
	{FieldHomePhone, "Home phone", "Домашний телефон", 2, filledString(func(c Customer) string { return c.Contacts.HomePhone })},
	{FieldMobilePhone, "Mobile phone", "Мобильный телефон", 6, filledString(func(c Customer) string { return c.Contacts.MobilePhone })},
	{FieldMobilePhoneType, "Mobile phone type", "Тип мобильного телефона", 2,
		filledString(func(c Customer) string { return c.Contacts.MobilePhoneType })},
	{FieldWorkPhone, "Work phone", "Рабочий телефон", 2, filledString(func(c Customer) string { return c.Contacts.WorkPhone })},
	{FieldChildren, "Number of children", "Количество детей", 5, func(c Customer) bool { return c.Extra.Children != nil }},
	{FieldInterests, "Interests", "Интересы", 6, func(c Customer) bool {
		for _, i := range c.Extra.Interests {
			if strings.TrimSpace(i) != "" {
				return true
			}
		}
		return false
	}},
	{FieldProfession, "Profession", "Профессия", 6, filledString(func(c Customer) string { return c.Extra.Profession })},
}

// Label returns the field's label as the cabinet shows it: Russian, or
// English for any other language; the key itself for an unknown field.
func (f Field) Label(l Lang) string {
	for _, p := range profileFields {
		if p.field == f {
			if l == Russian {
				return p.ru
			}
			return p.en
		}
	}
	return string(f)
}

// Completeness returns how much of the customer's profile is filled in, 0 to
// 100: the cabinet's «Данные заполнены на N %». Every field of «Мои личные
// данные», «Мои контакты» and «Дополнительные сведения» counts with the
// weight below; the password is not counted, since the portal keeps it, not
// the showroom. A text counts when it is not blank, «Количество детей» when
// answered (zero children is an answer), «Интересы» when at least one is
// given, «Согласие на коммуникацию» when given.
//
// The three fields registration asks for weigh most, so that a fresh
// registration starts at 30 % and the customer sees what is left; the
// mobile phone, the address's city and what helps pick offers (interests,
// profession, children, birth date) come next.
//
//	Мои личные данные                   Мои контакты                  Дополнительные сведения
//	Имя                          10     Страна                     3  Количество детей   5
//	Фамилия                      10     Регион                     3  Интересы           6
//	Пол                           4     Почтовый индекс            3  Профессия          6
//	Дата рождения                 5     Город                      4
//	Эл. почта                    10     Район                      2
//	Предпочтительный способ       4     Тип улицы                  2
//	  коммуникации                      Улица                      3
//	Согласие на коммуникацию      3     Дом                        3
//	                                    Квартира                   2
//	                                    Домашний телефон           2
//	                                    Мобильный телефон          6
//	                                    Тип мобильного телефона    2
//	                                    Рабочий телефон            2
//	total                        46                               37                     17
func Completeness(c Customer) int {
	n := 0
	for _, p := range profileFields {
		if p.filled(c) {
			n += p.weight
		}
	}
	return n
}

// MissingFields returns the profile fields not yet filled in, in the
// cabinet's order, for a prompt such as "add your date of birth".
func MissingFields(c Customer) []Field {
	var out []Field
	for _, p := range profileFields {
		if !p.filled(c) {
			out = append(out, p.field)
		}
	}
	return out
}
