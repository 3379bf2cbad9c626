package showroom

import "fmt"

// Lang is a user-interface language.
type Lang string

// Languages of the UI; Russian is the default.
const (
	Russian Lang = "ru"
	English Lang = "en"
)

// Reason selects the human text of an Error. The texts are format strings
// taking the Error's Args.
type Reason string

type text struct{ en, ru string }

// texts holds every error reason in English and Russian. A reason missing
// here falls back to its code's generic text. Both texts of a reason take
// the same arguments in the same order.
var texts = map[Reason]text{
	// Generic texts, one per Code.
	"invalid":               {"The value is not valid.", "Значение указано неверно."},
	"not_found":             {"Not found.", "Не найдено."},
	"conflict":              {"This conflicts with data already saved.", "Это противоречит уже сохранённым данным."},
	"internal":              {"Something went wrong on our side. Please try again.", "Что-то пошло не так. Пожалуйста, попробуйте ещё раз."},
	"unauthorized":          {"Access denied. Please sign in again.", "Доступ запрещён. Пожалуйста, войдите снова."},
	"garage_full":           {"The virtual garage is full.", "Виртуальный гараж заполнен."},
	"invalid_vin":           {"The VIN is not valid.", "VIN указан неверно."},
	"invalid_email":         {"The e-mail address is not valid.", "Адрес эл. почты указан неверно."},
	"invalid_phone":         {"The phone number is not valid.", "Номер телефона указан неверно."},
	"invalid_name":          {"Please check the spelling of the name.", "Проверьте написание имени."},
	"invalid_engine_number": {"The engine number is not valid.", "Номер двигателя указан неверно."},
	"invalid_order_number":  {"The order number is not valid.", "Номер заказа указан неверно."},
	"engine_mismatch":       {"The engine number does not match this VIN.", "Номер двигателя не соответствует этому VIN."},
	"unknown_order":         {"No order with this number was found.", "Заказ с таким номером не найден."},
	"coupon_redeemed":       {"This coupon has already been used.", "Этот купон уже использован."},
	"email_taken":           {"An account with this e-mail address already exists.", "Учётная запись с этим адресом эл. почты уже существует."},
	"idempotency_conflict":  {"This change was already sent with different data.", "Это изменение уже было отправлено с другими данными."},
	"too_many_attempts":     {"Too many attempts. Please try again later.", "Слишком много попыток. Повторите попытку позже."},
	"bad_credentials":       {"The login (customer ID) or the VIN is wrong.", "Неверный логин (номер клиента) или VIN."},

	ReasonVINEmpty:           {"Enter the VIN.", "Введите VIN."},
	ReasonVINLength:          {"A VIN has 17 characters; this one has %d.", "VIN состоит из 17 символов, а здесь их %d."},
	ReasonVINForbiddenLetter: {"position %d: letter %c is not allowed in a VIN", "позиция %d: буква %c в VIN не допускается"},
	ReasonVINCyrillic:        {"position %d: Cyrillic letter %c; type the Latin letter or digit instead", "позиция %d: русская буква %c; наберите латинскую букву или цифру"},
	ReasonVINCharacter:       {"position %d: character %q is not allowed in a VIN; use Latin letters and digits", "позиция %d: символ %q в VIN не допускается; используйте латинские буквы и цифры"},
	ReasonVINCheckDigit:      {"position 9: the check digit is %c, but the other characters give %c; please check the VIN for a typo", "позиция 9: контрольная цифра %c, а по остальным символам должна быть %c; проверьте, нет ли в VIN опечатки"},
	ReasonVINCheckDigitSoft:  {"position 9: the check digit %c does not match the computed %c, but it is not required outside North America and China", "позиция 9: контрольная цифра %c не совпадает с расчётной %c, но вне Северной Америки и Китая она не обязательна"},

	ReasonOrderEmpty:     {"Enter the order number.", "Введите номер заказа."},
	ReasonOrderCharacter: {"position %d: character %q is not allowed; an order number has digits only", "позиция %d: символ %q недопустим; номер заказа состоит только из цифр"},
	ReasonOrderLength:    {"An order number has 13 digits (6 of the dealer code and 7 of the request number); this one has %d.", "Номер заказа состоит из 13 цифр (6 цифр кода дилера и 7 цифр номера заявки), а здесь их %d."},
	ReasonDealerCode:     {"A dealer code has 6 digits.", "Код дилера состоит из 6 цифр."},
	ReasonRequestNumber:  {"A request number has up to 7 digits.", "Номер заявки состоит не более чем из 7 цифр."},

	ReasonEmailEmpty:        {"Enter your e-mail address.", "Введите адрес эл. почты."},
	ReasonEmailNoAt:         {"The e-mail address has no @.", "В адресе эл. почты нет знака @."},
	ReasonEmailManyAt:       {"An e-mail address has exactly one @.", "В адресе эл. почты должен быть ровно один знак @."},
	ReasonEmailEmptyLocal:   {"The name before @ is missing.", "Перед знаком @ ничего не указано."},
	ReasonEmailLocalTooLong: {"The name before @ is longer than 64 characters.", "Часть адреса до знака @ длиннее 64 символов."},
	ReasonEmailLocalDots:    {"The name before @ cannot start or end with a dot or have two dots in a row.", "Часть адреса до знака @ не может начинаться или заканчиваться точкой и содержать две точки подряд."},
	ReasonEmailLocalChar:    {"The name before @ cannot contain %q.", "Часть адреса до знака @ не может содержать символ %q."},
	ReasonEmailEmptyDomain:  {"The domain after @ is missing.", "После знака @ ничего не указано."},
	ReasonEmailDomainNoDot:  {"The domain after @ needs a dot, as in example.ru.", "В домене после знака @ должна быть точка, например example.ru."},
	ReasonEmailDomainEmpty:  {"The domain after @ cannot start or end with a dot or have two dots in a row.", "Домен после знака @ не может начинаться или заканчиваться точкой и содержать две точки подряд."},
	ReasonEmailDomainChar:   {"The domain after @ cannot contain %q.", "Домен после знака @ не может содержать символ %q."},
	ReasonEmailDomainHyphen: {"A part of the domain cannot start or end with a hyphen.", "Часть домена не может начинаться или заканчиваться дефисом."},
	ReasonEmailLabelTooLong: {"A part of the domain between dots is longer than 63 characters.", "Часть домена между точками длиннее 63 символов."},
	ReasonEmailTLDDigits:    {"The domain cannot end in digits only, as in .ru or .com it needs letters.", "Домен не может оканчиваться одними цифрами: нужны буквы, как в .ru или .com."},
	ReasonEmailTooLong:      {"The e-mail address is longer than 254 characters.", "Адрес эл. почты длиннее 254 символов."},
	ReasonEmailSyntax:       {"This is not a valid e-mail address.", "Адрес эл. почты указан неверно."},

	ReasonPhoneEmpty:         {"Enter the phone number.", "Введите номер телефона."},
	ReasonPhoneCharacter:     {"A phone number cannot contain %q.", "Номер телефона не может содержать символ %q."},
	ReasonPhonePlus:          {"The + can only come at the start of the number.", "Знак + может стоять только в начале номера."},
	ReasonPhoneRussianLength: {"A Russian number has 10 digits after +7 or 8; this one has %d.", "В российском номере 10 цифр после +7 или 8, а здесь их %d."},
	ReasonPhoneNoCountry:     {"Enter the number starting with +7 or 8, or with + and the country code.", "Укажите номер, начиная с +7 или 8, либо с + и кода страны."},
	ReasonPhoneLength:        {"An international number has 8 to 15 digits including the country code; this one has %d.", "Международный номер содержит от 8 до 15 цифр вместе с кодом страны, а здесь их %d."},
	ReasonPhoneCountryZero:   {"A country code cannot start with 0.", "Код страны не может начинаться с 0."},
	ReasonPhoneNotMobile:     {"This is a landline number; please enter a mobile number (+7 9…).", "Это городской номер; укажите, пожалуйста, мобильный (+7 9…)."},

	ReasonNameEmpty:     {"Please fill in this field.", "Заполните это поле."},
	ReasonNameCharacter: {"%q cannot be used here; use letters, spaces, hyphens and apostrophes.", "Символ %q здесь недопустим; используйте буквы, пробел, дефис и апостроф."},
	ReasonNameNoLetter:  {"Enter at least one letter.", "Укажите хотя бы одну букву."},
	ReasonNameEdge:      {"This cannot start or end with %q.", "Значение не может начинаться или заканчиваться символом %q."},
	ReasonNameTooLong:   {"At most %d characters, please.", "Допускается не более %d символов."},

	ReasonEngineEmpty:      {"Enter the engine number.", "Введите номер двигателя."},
	ReasonEngineCharacter:  {"position %d: character %q is not allowed; use Latin letters and digits", "позиция %d: символ %q недопустим; используйте латинские буквы и цифры"},
	ReasonEngineLength:     {"An engine number has 5 to 20 characters; this one has %d.", "Номер двигателя содержит от 5 до 20 символов, а здесь их %d."},
	ReasonEngineWithoutVIN: {"Enter the VIN together with the engine number.", "Укажите VIN вместе с номером двигателя."},

	ReasonGarageFull:       {"The virtual garage holds up to %d cars; remove one to add another.", "В виртуальном гараже помещается не более %d автомобилей; удалите один, чтобы добавить новый."},
	ReasonGarageSameVIN:    {"A car with this VIN is already in the garage.", "Автомобиль с этим VIN уже есть в гараже."},
	ReasonGarageSameOrder:  {"This order is already in the garage.", "Этот заказ уже есть в гараже."},
	ReasonGarageNoIdentity: {"Enter the VIN of a car in use, or the order number of an ordered car.", "Укажите VIN автомобиля в эксплуатации или номер заказа заказанного автомобиля."},

	ReasonConsentMissing:    {"Consent to the processing of personal data is required.", "Необходимо согласие на обработку персональных данных."},
	ReasonConsentVersion:    {"The version of the consent text is missing.", "Не указана версия текста согласия."},
	ReasonConsentHash:       {"The consent text's SHA-256 must be 64 hexadecimal characters.", "SHA-256 текста согласия должен состоять из 64 шестнадцатеричных символов."},
	ReasonConsentTime:       {"The time the consent was given is missing.", "Не указано время получения согласия."},
	ReasonSourceUnknown:     {"Unknown registration source %q.", "Неизвестный источник регистрации %q."},
	ReasonChannelUnknown:    {"Unknown communication channel %q.", "Неизвестный способ коммуникации %q."},
	ReasonChannelNeedsPhone: {"Enter a mobile phone number to be contacted by SMS or phone.", "Укажите мобильный телефон, чтобы получать SMS или звонки."},
}

// Text renders the error in the given language; any language but Russian
// gets English.
func (e *Error) Text(l Lang) string {
	t, ok := texts[e.Reason]
	if !ok {
		t, ok = texts[Reason(e.Code)]
	}
	if !ok {
		t = texts["invalid"]
	}
	f := t.en
	if l == Russian {
		f = t.ru
	}
	if len(e.Args) == 0 {
		return f
	}
	return fmt.Sprintf(f, e.Args...)
}
