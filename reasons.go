package showroom

// Reasons of the domain's errors. Each selects an English and a Russian text
// in messages.go; the comment names the arguments the text takes. A code
// used as a reason (Reason(EInvalidVIN)) selects the code's generic text.
const (
	ReasonVINEmpty           Reason = "vin_empty"
	ReasonVINLength          Reason = "vin_length"              // characters found
	ReasonVINForbiddenLetter Reason = "vin_forbidden_letter"    // position, letter (I, O or Q)
	ReasonVINCyrillic        Reason = "vin_cyrillic"            // position, letter
	ReasonVINCharacter       Reason = "vin_character"           // position, character
	ReasonVINCheckDigit      Reason = "vin_check_digit"         // found, expected
	ReasonVINCheckDigitSoft  Reason = "vin_check_digit_soft"    // found, expected
	ReasonOrderEmpty         Reason = "order_empty"             //
	ReasonOrderCharacter     Reason = "order_character"         // position, character
	ReasonOrderLength        Reason = "order_length"            // digits found
	ReasonDealerCode         Reason = "dealer_code"             //
	ReasonRequestNumber      Reason = "request_number"          //
	ReasonEmailEmpty         Reason = "email_empty"             //
	ReasonEmailNoAt          Reason = "email_no_at"             //
	ReasonEmailManyAt        Reason = "email_many_at"           //
	ReasonEmailEmptyLocal    Reason = "email_empty_local"       //
	ReasonEmailLocalTooLong  Reason = "email_local_too_long"    //
	ReasonEmailLocalDots     Reason = "email_local_dots"        //
	ReasonEmailLocalChar     Reason = "email_local_character"   // character
	ReasonEmailEmptyDomain   Reason = "email_empty_domain"      //
	ReasonEmailDomainNoDot   Reason = "email_domain_no_dot"     //
	ReasonEmailDomainEmpty   Reason = "email_domain_empty_part" //
	ReasonEmailDomainChar    Reason = "email_domain_character"  // character
	ReasonEmailDomainHyphen  Reason = "email_domain_hyphen"     //
	ReasonEmailLabelTooLong  Reason = "email_label_too_long"    //
	ReasonEmailTLDDigits     Reason = "email_tld_digits"        //
	ReasonEmailTooLong       Reason = "email_too_long"          //
	ReasonEmailSyntax        Reason = "email_syntax"            //
	ReasonPhoneEmpty         Reason = "phone_empty"             //
	ReasonPhoneCharacter     Reason = "phone_character"         // character
	ReasonPhonePlus          Reason = "phone_plus"              //
	ReasonPhoneRussianLength Reason = "phone_russian_length"    // digits found after +7 or 8
	ReasonPhoneNoCountry     Reason = "phone_no_country"        //
	ReasonPhoneLength        Reason = "phone_length"            // digits found
	ReasonPhoneCountryZero   Reason = "phone_country_zero"      //
	ReasonPhoneNotMobile     Reason = "phone_not_mobile"        //
	ReasonNameEmpty          Reason = "name_empty"              //
	ReasonNameCharacter      Reason = "name_character"          // character
	ReasonNameNoLetter       Reason = "name_no_letter"          //
	ReasonNameEdge           Reason = "name_edge"               // character
	ReasonNameTooLong        Reason = "name_too_long"           // maximum
	ReasonEngineEmpty        Reason = "engine_empty"            //
	ReasonEngineCharacter    Reason = "engine_character"        // position, character
	ReasonEngineLength       Reason = "engine_length"           // characters found
	ReasonEngineWithoutVIN   Reason = "engine_without_vin"      //
	ReasonGarageFull         Reason = "garage_full_max"         // maximum
	ReasonGarageSameVIN      Reason = "garage_same_vin"         //
	ReasonGarageSameOrder    Reason = "garage_same_order"       //
	ReasonGarageNoIdentity   Reason = "garage_no_identity"      //
	ReasonConsentMissing     Reason = "consent_missing"         //
	ReasonConsentVersion     Reason = "consent_version"         //
	ReasonConsentHash        Reason = "consent_hash"            //
	ReasonConsentTime        Reason = "consent_time"            //
	ReasonSourceUnknown      Reason = "source_unknown"          // source
	ReasonChannelUnknown     Reason = "channel_unknown"         // channel
	ReasonChannelNeedsPhone  Reason = "channel_needs_phone"     //
)

// allReasons lists every Reason constant; a test checks that it names every
// constant of type Reason and that each has an English and a Russian text.
var allReasons = []Reason{
	ReasonVINEmpty, ReasonVINLength, ReasonVINForbiddenLetter, ReasonVINCyrillic,
	ReasonVINCharacter, ReasonVINCheckDigit, ReasonVINCheckDigitSoft,
	ReasonOrderEmpty, ReasonOrderCharacter, ReasonOrderLength, ReasonDealerCode,
	ReasonRequestNumber,
	ReasonEmailEmpty, ReasonEmailNoAt, ReasonEmailManyAt, ReasonEmailEmptyLocal,
	ReasonEmailLocalTooLong, ReasonEmailLocalDots, ReasonEmailLocalChar,
	ReasonEmailEmptyDomain, ReasonEmailDomainNoDot, ReasonEmailDomainEmpty,
	ReasonEmailDomainChar, ReasonEmailDomainHyphen, ReasonEmailLabelTooLong,
	ReasonEmailTLDDigits, ReasonEmailTooLong, ReasonEmailSyntax,
	ReasonPhoneEmpty, ReasonPhoneCharacter, ReasonPhonePlus, ReasonPhoneRussianLength,
	ReasonPhoneNoCountry, ReasonPhoneLength, ReasonPhoneCountryZero, ReasonPhoneNotMobile,
	ReasonNameEmpty, ReasonNameCharacter, ReasonNameNoLetter, ReasonNameEdge, ReasonNameTooLong,
	ReasonEngineEmpty, ReasonEngineCharacter, ReasonEngineLength, ReasonEngineWithoutVIN,
	ReasonGarageFull, ReasonGarageSameVIN, ReasonGarageSameOrder, ReasonGarageNoIdentity,
	ReasonConsentMissing, ReasonConsentVersion, ReasonConsentHash, ReasonConsentTime,
	ReasonSourceUnknown, ReasonChannelUnknown, ReasonChannelNeedsPhone,
}
