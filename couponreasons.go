package showroom

// Codes and reasons of coupons (couponcode.go) and printing; init adds them
// to allCodes, allReasons and texts, which the test of messages.go checks
// like every other code and reason.
const (
	EInvalidCoupon    Code = "invalid_coupon"
	EPrinterNotFound  Code = "printer_not_found"
	EPrintUnavailable Code = "print_service_unavailable"
	EPrintFailed      Code = "print_failed"
)

// Reasons of coupon and printing errors; the comment names the arguments.
const (
	ReasonCouponEmpty     Reason = "coupon_empty"      //
	ReasonCouponLength    Reason = "coupon_length"     // characters expected, characters found
	ReasonCouponAmbiguous Reason = "coupon_ambiguous"  // position, character (0, O, 1, I, L or U)
	ReasonCouponCharacter Reason = "coupon_character"  // position, character
	ReasonCouponCheck     Reason = "coupon_check"      //
	ReasonCouponPayload   Reason = "coupon_payload"    //
	ReasonCouponSignature Reason = "coupon_signature"  //
	ReasonCouponPrefix    Reason = "coupon_prefix"     // characters expected
	ReasonCouponNotDevice Reason = "coupon_not_device" // the device's prefix
	ReasonPrinterNotFound Reason = "printer_missing"   // printer
	ReasonPrintNoService  Reason = "print_no_service"  //
	ReasonPrintJobFailed  Reason = "print_job_failed"  // printer
	ReasonPrintNoPrinter  Reason = "print_no_printer"  //

	ReasonCouponRedeemedAt   Reason = "coupon_redeemed_at"   // when, where (the dealer)
	ReasonCouponRedeemedWhen Reason = "coupon_redeemed_when" // when (the dealer is not known)
	ReasonCouponExpired      Reason = "coupon_expired"       // the offer's last day
	ReasonCouponNotYet       Reason = "coupon_not_yet"       // the offer's first day
	ReasonCouponUnknown      Reason = "coupon_unknown"       //
	ReasonCouponUnconfirmed  Reason = "coupon_unconfirmed"   //
	ReasonCouponOtherCar     Reason = "coupon_other_car"     //
	ReasonDeviceNotEnrolled  Reason = "device_not_enrolled"  //
)

func init() {
	allCodes = append(allCodes, EInvalidCoupon, EPrinterNotFound, EPrintUnavailable, EPrintFailed)
	allReasons = append(allReasons,
		ReasonCouponEmpty, ReasonCouponLength, ReasonCouponAmbiguous, ReasonCouponCharacter,
		ReasonCouponCheck, ReasonCouponPayload, ReasonCouponSignature, ReasonCouponPrefix, ReasonCouponNotDevice,
		ReasonPrinterNotFound, ReasonPrintNoService, ReasonPrintJobFailed, ReasonPrintNoPrinter,
		ReasonCouponRedeemedAt, ReasonCouponRedeemedWhen, ReasonCouponExpired, ReasonCouponNotYet,
		ReasonCouponUnknown, ReasonCouponUnconfirmed, ReasonCouponOtherCar, ReasonDeviceNotEnrolled)
	for r, t := range map[Reason]text{
		"invalid_coupon":            {"The coupon code is not valid.", "Код купона указан неверно."},
		"printer_not_found":         {"The printer was not found.", "Принтер не найден."},
		"print_service_unavailable": {"The printing service is not available.", "Служба печати недоступна."},
		"print_failed":              {"The document was not printed.", "Документ не напечатан."},

		ReasonCouponEmpty:     {"Enter the coupon code.", "Введите код купона."},
		ReasonCouponLength:    {"A coupon code has %d characters; this one has %d.", "Код купона состоит из %d символов, а здесь их %d."},
		ReasonCouponAmbiguous: {"position %d: %c is never used in coupon codes (there is no 0, O, 1, I, L or U); please check the code", "позиция %d: символ %c в кодах купонов не используется (в них нет 0, O, 1, I, L и U); проверьте код"},
		ReasonCouponCharacter: {"position %d: character %q is not allowed in a coupon code; use Latin letters and digits", "позиция %d: символ %q в коде купона недопустим; используйте латинские буквы и цифры"},
		ReasonCouponCheck:     {"The code has a typo: its last character does not match the others. Please check every character.", "В коде опечатка: последний символ не соответствует остальным. Проверьте каждый символ."},
		ReasonCouponPayload:   {"The QR code is not a My Renault coupon.", "QR-код не является купоном My Renault."},
		ReasonCouponSignature: {"The coupon's signature is not valid: it was not issued by this device or it was altered.", "Подпись купона недействительна: купон выдан не этим устройством или изменён."},
		ReasonCouponPrefix:    {"A device prefix has %d characters from the coupon alphabet.", "Префикс устройства состоит из %d символов алфавита купонов."},
		ReasonCouponNotDevice: {"This device's coupon codes start with %s; this code was not made here.", "Коды купонов этого устройства начинаются с %s; этот код создан не здесь."},
		ReasonPrinterNotFound: {"There is no printer %q. Choose another printer in the settings; the PDF is saved.", "Принтера %q нет. Выберите другой принтер в настройках; PDF сохранён."},
		ReasonPrintNoService:  {"The printing service is not running. Turn on the print server or ask your administrator; the PDF is saved.", "Служба печати не запущена. Включите сервер печати или обратитесь к администратору; PDF сохранён."},
		ReasonPrintJobFailed:  {"The printer %q did not print the document. Check the printer (paper, power, cable) and try again; the PDF is saved.", "Принтер %q не напечатал документ. Проверьте принтер (бумагу, питание, кабель) и повторите; PDF сохранён."},
		ReasonPrintNoPrinter:  {"No printer is chosen. Choose one in the settings; the PDF is saved.", "Принтер не выбран. Выберите его в настройках; PDF сохранён."},

		ReasonCouponRedeemedAt:   {"This coupon was already redeemed on %s by %s; it cannot be redeemed again.", "Этот купон уже погашен %s, дилер: %s; повторно его погасить нельзя."},
		ReasonCouponRedeemedWhen: {"This coupon was already redeemed on %s; it cannot be redeemed again.", "Этот купон уже погашен %s; повторно его погасить нельзя."},
		ReasonCouponExpired:      {"The offer ended on %s; the coupon can no longer be redeemed.", "Срок предложения истёк %s; купон больше нельзя погасить."},
		ReasonCouponNotYet:       {"The offer starts on %s; the coupon cannot be redeemed before then.", "Предложение начинает действовать %s; до этого купон погасить нельзя."},
		ReasonCouponUnknown:      {"No coupon with this code was issued. Check the code with the customer.", "Купон с таким кодом не выдавался. Сверьте код с клиентом."},
		ReasonCouponUnconfirmed:  {"This device does not know the coupon and the portal could not be asked. Redeem it once the connection is back.", "Это устройство не знает купон, а портал недоступен. Погасите купон, когда связь восстановится."},
		ReasonCouponOtherCar:     {"The coupon was issued for another offer or car than its code says: it was altered.", "Купон выдан на другое предложение или автомобиль, чем указано в коде: он изменён."},
		ReasonDeviceNotEnrolled:  {"This device is not enrolled with the My Renault portal, so it can neither sign coupons nor make Welcome Pack logins. Enrol the device first: showroom enroll …", "Устройство не подключено к порталу My Renault и не может ни подписывать купоны, ни выдавать логины Welcome Pack. Сначала подключите устройство: showroom enroll …"},
	} {
		texts[r] = t
	}
}
