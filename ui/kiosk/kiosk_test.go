package kiosk

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets"
	kw "github.com/myrenault/showroom/ui/widget"
)

func TestLanguageToggle(t *testing.T) {
	r := newRig(t)
	k := r.k
	if k.welcome.register.Text != "Зарегистрироваться" || k.language.Text != "English" {
		t.Fatalf("Russian by default: got %q / %q", k.welcome.register.Text, k.language.Text)
	}
	test.Tap(k.language)
	if k.welcome.register.Text != "Register" || k.welcome.whereIsCar.Text != "Where is my car?" || k.language.Text != "Русский" {
		t.Fatalf("after one tap, English: got %q / %q / %q", k.welcome.register.Text, k.welcome.whereIsCar.Text, k.language.Text)
	}
	if k.welcome.benefit.Text != "Personal gifts and exclusive offers" {
		t.Errorf("benefit not translated: %q", k.welcome.benefit.Text)
	}
	test.Tap(k.welcome.register)
	if k.reg.next.Text != "Next" {
		t.Fatalf("the form follows the language: %q", k.reg.next.Text)
	}
	test.Tap(k.language)
	if k.reg.next.Text != "Далее" {
		t.Fatalf("back to Russian: got %q", k.reg.next.Text)
	}
}

func TestBenefitsRotateThroughAll(t *testing.T) {
	r := newRig(t)
	seen := map[string]bool{}
	for range 4 * int(benefitEvery/time.Second) {
		seen[r.k.welcome.benefit.Text] = true
		r.advance(time.Second)
	}
	if len(seen) != len(benefitKeys) {
		t.Fatalf("saw %d distinct benefits, want %d", len(seen), len(benefitKeys))
	}
}

// TestRegistrationByTouch walks a whole registration by taps: the names
// and the e-mail on the on-screen keyboard, the phone on a physical one,
// the consent, the preferences, the congratulations.
func TestRegistrationByTouch(t *testing.T) {
	r := newRig(t)
	k := r.k
	test.Tap(k.welcome.register)
	if k.reg.next.Disabled() == false {
		t.Fatal("«Далее» must wait for the required fields")
	}
	test.Tap(k.reg.last)
	r.keys(t, "Игнатьева")
	test.Tap(k.reg.first)
	r.keys(t, "Полина")
	test.Tap(k.reg.email)
	r.keys(t, "polina", "@", "yandex.ru")
	test.Type(k.reg.phone, "89161234567") // the physical keyboard
	if k.draft.last != "Игнатьева" || k.draft.first != "Полина" || k.draft.email != "polina@yandex.ru" {
		t.Fatalf("draft %q %q %q", k.draft.last, k.draft.first, k.draft.email)
	}
	if k.reg.next.Disabled() {
		t.Fatalf("«Далее» disabled with a valid form: %v", k.draft.fieldErrors())
	}
	test.Tap(k.reg.next)
	if k.screen != scrConsent || k.cons.text.Text != assets.Consent("ru").Text {
		t.Fatal("the consent screen shows the full text")
	}
	r.now = r.now.Add(20 * time.Second)
	test.Tap(k.cons.agree)
	if k.screen != scrPrefs || k.draft.marketing {
		t.Fatal("preferences, marketing unticked")
	}
	test.Tap(k.prefs.sms)
	test.Tap(k.prefs.submit)
	if k.screen != scrPrefs {
		t.Fatal("the congratulations wait for the commit")
	}
	r.q.run()
	if k.screen != scrDone {
		t.Fatalf("screen %d after the commit", k.screen)
	}
	if len(r.be.registered) != 1 {
		t.Fatalf("%d registrations", len(r.be.registered))
	}
	got := r.be.registered[0]
	c := assets.Consent("ru")
	if got.Source != showroom.SourceKiosk || got.PreferredChannel != showroom.ChannelSMS || got.Phone != "+79161234567" ||
		got.Consent.TextVersion != c.Version || got.Consent.TextSHA256 != c.SHA256 || got.Consent.Marketing ||
		!got.Consent.GivenAt.Equal(t0.Add(20*time.Second)) || got.CustomerRef == "" {
		t.Fatalf("registration %+v", got)
	}
	if k.done.email.Text != "Письмо со ссылкой для подтверждения отправлено на polina@yandex.ru." {
		t.Fatalf("done: %q", k.done.email.Text)
	}
	test.Tap(k.done.finish)
	if k.screen != scrWelcome || k.draft.email != "" {
		t.Fatal("«Готово» forgets the customer")
	}
}

// TestDoubleTapRegistersOnce taps the submit button twice before the store
// answers, then once more after an error: one registration.
func TestDoubleTapRegistersOnce(t *testing.T) {
	r := newRig(t)
	fillForm(t, r)
	test.Tap(r.k.prefs.submit)
	test.Tap(r.k.prefs.submit)
	r.q.run()
	if len(r.be.registered) != 1 || r.k.screen != scrDone {
		t.Fatalf("%d registrations, screen %d", len(r.be.registered), r.k.screen)
	}
	// A retry of the same form after a failure names the same customer.
	r2 := newRig(t)
	fillForm(t, r2)
	r2.be.registerErr = showroom.Errorf(showroom.EInternal, "", "internal")
	test.Tap(r2.k.prefs.submit)
	r2.q.run()
	if r2.k.screen != scrPrefs || r2.k.prefs.errText.Text != "Что-то пошло не так. Пожалуйста, попробуйте ещё раз." {
		t.Fatalf("error shown: %q", r2.k.prefs.errText.Text)
	}
	r2.be.registerErr = nil
	ref := r2.k.draft.ref
	test.Tap(r2.k.prefs.submit)
	test.Tap(r2.k.prefs.submit)
	r2.q.run()
	if len(r2.be.registered) != 1 || r2.be.registered[0].CustomerRef != ref {
		t.Fatalf("%d registrations", len(r2.be.registered))
	}
}

// fillForm brings the kiosk to the preferences with a valid draft.
func fillForm(t *testing.T, r *rig) {
	t.Helper()
	test.Tap(r.k.welcome.register)
	test.Type(r.k.reg.last, "Игнатьева")
	test.Type(r.k.reg.first, "Полина")
	test.Type(r.k.reg.email, "polina@example.ru")
	test.Tap(r.k.reg.next)
	test.Tap(r.k.cons.agree)
}

// TestValidationMessages types a wrong value into each field and expects
// the domain's own message at that field, in Russian. Where a case names
// the reason, the message is checked word for word as the translation
// has it (and in English where given, the customer having tapped
// English); keys are typed on the on-screen keyboard, tap by tap.
func TestValidationMessages(t *testing.T) {
	long := strings.Repeat
	tests := []struct {
		field, value string
		reason       showroom.Reason
		ru, en       string
		keys         bool
	}{
		{field: "last_name", value: "Игнатьева2"},
		{field: "first_name", value: "-"},
		{field: "email", value: "polina.example.ru"},
		{field: "email", value: "polina@"},
		{field: "email", value: "polina@localhost"},
		{field: "phone", value: "12345"},
		{field: "vin", value: "VF1LZBR054260658"},
		{field: "vin", value: "VF1LZBR05426O6589"},
		{field: "engine_number", value: "K4M*838"},
		{field: "last_name", value: "'"},
		{field: "first_name", value: "Полина7"},
		{field: "email", value: "po lina@example.ru"},
		{field: "email", value: "polina@@example.ru"},
		{field: "email", value: ".polina@example.ru"},
		{field: "email", value: "polina@example..ru"},
		{field: "email", value: "polina@-example.ru"},
		{field: "email", value: "polina@example.123"},
		{field: "phone", value: "+7 (495) 123-45-67"},
		{field: "phone", value: "8 916 123"},
		{field: "phone", value: "abc"},
		{field: "vin", value: "ВФ1LZBR0542606589"},
		{field: "vin", value: "VF1LZBR0542606589XX"},

		{field: "last_name", value: long("а", 101), reason: showroom.ReasonNameTooLong,
			ru: "Допускается не более 100 символов.", en: "At most 100 characters, please."},
		{field: "first_name", value: long("Я", 101), reason: showroom.ReasonNameTooLong,
			ru: "Допускается не более 100 символов."},
		{field: "email", value: "@mail.ru", keys: true, reason: showroom.ReasonEmailEmptyLocal,
			ru: "Перед знаком @ ничего не указано."},
		{field: "email", value: long("p", 65) + "@mail.ru", reason: showroom.ReasonEmailLocalTooLong,
			ru: "Часть адреса до знака @ длиннее 64 символов."},
		{field: "email", value: "polina@yandex_ru.com", keys: true, reason: showroom.ReasonEmailDomainChar,
			ru: "Домен после знака @ не может содержать символ '_'.", en: "The domain after @ cannot contain '_'."},
		{field: "email", value: "polina@" + long("d", 64) + ".ru", reason: showroom.ReasonEmailLabelTooLong,
			ru: "Часть домена между точками длиннее 63 символов."},
		{field: "email", value: long("p", 64) + "@" + long(long("d", 63)+".", 3) + long("e", 60) + ".ru", reason: showroom.ReasonEmailTooLong,
			ru: "Адрес эл. почты длиннее 254 символов."},
		{field: "phone", value: "8916123+4567", keys: true, reason: showroom.ReasonPhonePlus,
			ru: "Знак + может стоять только в начале номера.", en: "The + can only come at the start of the number."},
		{field: "phone", value: "+0123456789", keys: true, reason: showroom.ReasonPhoneCountryZero,
			ru: "Код страны не может начинаться с 0."},
		{field: "phone", value: "+49 301", reason: showroom.ReasonPhoneLength,
			ru: "Международный номер содержит от 8 до 15 цифр вместе с кодом страны, а здесь их 5."},
		{field: "phone", value: "+4930123456789012", reason: showroom.ReasonPhoneLength,
			ru: "Международный номер содержит от 8 до 15 цифр вместе с кодом страны, а здесь их 16."},
		{field: "vin", value: "VF1LZBR05426-6589", keys: true, reason: showroom.ReasonVINCharacter,
			ru: "позиция 13: символ '-' в VIN не допускается; используйте латинские буквы и цифры"},
		{field: "vin", value: "VF1LZBR0542606*89", reason: showroom.ReasonVINCharacter,
			ru: "позиция 15: символ '*' в VIN не допускается; используйте латинские буквы и цифры",
			en: "position 15: character '*' is not allowed in a VIN; use Latin letters and digits"},
		{field: "engine_number", value: "k4m", keys: true, reason: showroom.ReasonEngineLength,
			ru: "Номер двигателя содержит от 5 до 20 символов, а здесь их 3.", en: "An engine number has 5 to 20 characters; this one has 3."},
		{field: "engine_number", value: "K4MA838R0123456789012", reason: showroom.ReasonEngineLength,
			ru: "Номер двигателя содержит от 5 до 20 символов, а здесь их 21."},
	}
	for _, tt := range tests {
		langs := []showroom.Lang{showroom.Russian}
		if tt.en != "" {
			langs = append(langs, showroom.English)
		}
		for _, lang := range langs {
			r := newRig(t)
			if lang == showroom.English {
				test.Tap(r.k.language)
			}
			test.Tap(r.k.welcome.register)
			fields := map[string]*kw.Field{"last_name": r.k.reg.last, "first_name": r.k.reg.first, "email": r.k.reg.email,
				"phone": r.k.reg.phone, "vin": r.k.reg.vin, "engine_number": r.k.reg.engine}
			if tt.field == "engine_number" {
				test.Type(r.k.reg.vin, "VF1LZBR0542606589")
			}
			if tt.keys {
				test.Tap(fields[tt.field])
				r.keys(t, emailKeys(tt.value)...)
				if fields[tt.field].Text != tt.value {
					t.Fatalf("%s: the keys typed %q, not %q", tt.field, fields[tt.field].Text, tt.value)
				}
			} else {
				test.Type(fields[tt.field], tt.value)
			}
			want := r.k.draft.fieldErrors().For(tt.field)
			if want == nil {
				t.Fatalf("%s %q: the domain accepts it; the test is wrong", tt.field, tt.value)
			}
			if tt.reason != "" && want.Reason != tt.reason {
				t.Fatalf("%s %q: the domain's reason is %s, not %s; the test is wrong", tt.field, tt.value, want.Reason, tt.reason)
			}
			got := r.k.reg.msgs[tt.field].Text
			if got != want.Text(lang) || got == " " {
				t.Errorf("%s %q: message %q, want %q", tt.field, tt.value, got, want.Text(lang))
			}
			if literal := map[showroom.Lang]string{showroom.Russian: tt.ru, showroom.English: tt.en}[lang]; literal != "" && got != literal {
				t.Errorf("%s %q, %s: message %q, want %q", tt.field, tt.value, lang, got, literal)
			}
			for _, other := range formFields {
				if other != tt.field && r.k.reg.msgs[other].Text != " " {
					t.Errorf("%s %q: message at %s too: %q", tt.field, tt.value, other, r.k.reg.msgs[other].Text)
				}
			}
			if !r.k.reg.next.Disabled() {
				t.Errorf("%s %q: «Далее» enabled", tt.field, tt.value)
			}
		}
	}
	// An engine number without a VIN.
	r := newRig(t)
	test.Tap(r.k.welcome.register)
	test.Type(r.k.reg.engine, "K4MA838R012345")
	if r.k.reg.msgs["engine_number"].Text != "Укажите VIN вместе с номером двигателя." {
		t.Errorf("engine without VIN: %q", r.k.reg.msgs["engine_number"].Text)
	}
}

// emailKeys splits s into the taps that type it: the e-mail keys' texts
// in one tap each, every other character in its own.
func emailKeys(s string) []string {
	var out []string
	for s != "" {
		n := len(string([]rune(s)[0]))
		for _, k := range []string{"gmail.com", "yandex.ru", "mail.ru", ".com", ".ru"} {
			if strings.HasPrefix(s, k) {
				n = len(k)
				break
			}
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

func TestEmailTypoHint(t *testing.T) {
	r := newRig(t)
	test.Tap(r.k.welcome.register)
	test.Type(r.k.reg.email, "polina@gmail.con")
	if r.k.reg.suggest.Text != "Может быть, polina@gmail.com? Нажмите, чтобы исправить." {
		t.Fatalf("hint %q", r.k.reg.suggest.Text)
	}
	test.Tap(r.k.reg.suggest)
	if r.k.draft.email != "polina@gmail.com" || r.k.reg.suggest.Text != " " {
		t.Fatalf("after the hint: %q", r.k.draft.email)
	}
}

func TestChannelNeedsPhone(t *testing.T) {
	r := newRig(t)
	fillForm(t, r)
	if !r.k.prefs.sms.Disabled() || !r.k.prefs.phone.Disabled() || r.k.prefs.email.Disabled() {
		t.Fatal("without a phone only e-mail can be chosen")
	}
	if r.k.draft.channel != showroom.ChannelEmail {
		t.Fatalf("channel %q", r.k.draft.channel)
	}
}
