package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/staff"
)

// issued prints a coupon of KS200 for the showcase car on this device and
// returns its code and QR payload.
func issued(t *testing.T, a *App) (code, payload string) {
	t.Helper()
	doc, err := newPrintDesk(a.DB, a.Config.DataDir).coupon(context.Background(), "KS200", showcaseVIN, showroom.Russian, "")
	if err != nil {
		t.Fatal(err)
	}
	ms := outbox(t, a.DB, api.TypeCouponIssue)
	var m api.CouponIssue
	if err := json.Unmarshal(ms[len(ms)-1], &m); err != nil || m.Code != doc.Code {
		t.Fatalf("coupon.issue %s: %v", ms[len(ms)-1], err)
	}
	return m.Code, m.Payload
}

// openCouponCheck opens the desk's «Погасить купон» on a and returns the
// desk and its code entry.
func openCouponCheck(t *testing.T, a *App) (*deskUI, *widget.Entry) {
	t.Helper()
	d := openDeskOn(t, a, nil, newCouponDesk(a.DB, a.Config.DataDir, nil, a.Log))
	test.Tap(d.button("Погасить купон"))
	return d, find(t, d.w.Content(), func(e *widget.Entry) bool {
		return e.PlaceHolder == "Код купона или QR-код (сканер)"
	})
}

func TestDeskRedeemsACouponOnce(t *testing.T) {
	a := openDemo(t)
	enrol(t, a.Config.DataDir)
	code, payload := issued(t, a)
	d, entry := openCouponCheck(t, a)
	if d.w.Canvas().Focused() != entry {
		t.Error("the coupon entry does not have the cursor")
	}
	// As the person types: a count, then the typo the check character
	// catches, in Russian.
	test.Type(entry, strings.ToLower(code[:4]))
	if got := d.texts(); !contains(got, "Введено символов: 4 из 12.") {
		t.Fatalf("typing: %q", got)
	}
	typo := code[:len(code)-1] + string(other(code[len(code)-1]))
	entry.SetText(typo)
	if got := d.texts(); !contains(got, "В коде опечатка: последний символ не соответствует остальным. Проверьте каждый символ.") {
		t.Fatalf("a typo: %q", got)
	}
	entry.SetText(strings.ToLower(strings.ReplaceAll(code, "-", " ")))
	if got := d.texts(); !contains(got, "Код верный — нажмите Enter для проверки.") {
		t.Fatalf("a good code: %q", got)
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	d.settle("check")
	got := d.texts()
	for _, want := range []string{"Только для Вас: 200 ₽ на комплекс-сервис", "Автомобиль: Renault Fluence · VIN …606589",
		"Код купона: " + code, "Портал не ответил и не подтвердил купон", "Купон можно погасить."} {
		if !contains(got, want) {
			t.Errorf("the check lacks %q: %q", want, got)
		}
	}
	redeem := d.button("Погасить")
	if redeem.Disabled() {
		t.Fatal("a good coupon cannot be redeemed")
	}
	test.Tap(redeem)
	d.settle("redeem")
	if got := d.texts(); !contains(got, "Купон погашен. Изменение сохранено и будет отправлено на портал.") {
		t.Fatalf("after redeeming: %q", got)
	}
	rs := outbox(t, a.DB, api.TypeCouponRedeem)
	var r api.CouponRedeem
	if len(rs) != 1 || json.Unmarshal(rs[0], &r) != nil || r.Code != code {
		t.Fatalf("coupon.redeem %s", rs)
	}
	c, err := a.DB.Coupon(context.Background(), code)
	if err != nil || c.RedeemedAt.IsZero() || c.RedeemedBy != "006122" {
		t.Fatalf("stored %+v, %v", c, err)
	}

	// The scanner sends the QR payload: the signature is checked, and the
	// second redemption is refused with when and where.
	entry.SetText(payload)
	if got := d.texts(); !contains(got, "QR-код купона — нажмите Enter для проверки.") {
		t.Fatalf("a payload: %q", got)
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	d.settle("second check")
	when := c.RedeemedAt.Local().Format("02.01.2006 15:04")
	got = d.texts()
	if !contains(got, "Этот купон уже погашен "+when+", дилер: Автомир-Екатеринбург (006122); повторно его погасить нельзя.") ||
		!contains(got, "Подпись QR-кода верна.") {
		t.Fatalf("the second redemption: %q", got)
	}
	if !d.button("Погасить").Disabled() {
		t.Error("a redeemed coupon can be redeemed again")
	}
	if n := len(outbox(t, a.DB, api.TypeCouponRedeem)); n != 1 {
		t.Fatalf("%d coupon.redeem mutations", n)
	}

	// The same refusal in English.
	ui.SetLang(showroom.English)
	defer ui.SetLang(showroom.Russian)
	desk := newCouponDesk(a.DB, a.Config.DataDir, nil, a.Log)
	chk, err := desk.Redeem(context.Background(), code)
	if err != nil || chk.Redeemed || ui.ErrorText(chk.Refusal) != "This coupon was already redeemed on "+when+" by Автомир-Екатеринбург (006122); it cannot be redeemed again." {
		t.Fatalf("English refusal %+v, %v", chk, err)
	}
}

// other is a character of the coupon alphabet other than c.
func other(c byte) byte {
	if c == 'Z' {
		return 'Y'
	}
	return 'Z'
}

// fakePortal answers the coupon look-up as the portal would.
type fakePortal struct {
	st  map[string]api.CouponStatus
	err error
}

func (p fakePortal) Coupon(_ context.Context, code string) (api.CouponStatus, error) {
	if p.err != nil {
		return api.CouponStatus{}, p.err
	}
	st, ok := p.st[code]
	if !ok {
		return st, showroom.Errorf(showroom.ENotFound, "code", "")
	}
	return st, nil
}

// foreign makes a coupon of KS200 for the showcase car issued by another
// dealer's device.
func foreign(t *testing.T) (api.CouponStatus, string, ed25519.PrivateKey) {
	pub, priv, _ := showroom.NewDeviceKey(nil)
	code, err := showroom.NewCouponCode("ZZZZ", nil)
	if err != nil {
		t.Fatal(err)
	}
	issuedAt := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	payload := showroom.SignCoupon(priv, showroom.Coupon{Code: code, OfferID: "KS200", VIN: showcaseVIN, IssuedAt: issuedAt})
	return api.CouponStatus{Code: code, OfferID: "KS200", VINTail: "606589", IssuedAt: issuedAt, IssuedBy: "006122",
		IssuerKey: pub}, payload, priv
}

func TestCouponDeskAsksThePortal(t *testing.T) {
	a := openDemo(t)
	enrol(t, a.Config.DataDir)
	ctx := context.Background()
	st, payload, _ := foreign(t)
	text := func(err error, l showroom.Lang) string {
		var e *showroom.Error
		if !errors.As(err, &e) {
			return ""
		}
		return e.Text(l)
	}

	// Redeemed at another dealer, as the portal answers.
	used := st
	used.RedeemedAt, used.RedeemedBy, used.RedeemedByName = time.Date(2026, 11, 21, 12, 15, 0, 0, time.UTC), "007777", "Рольф Восток"
	desk := newCouponDesk(a.DB, a.Config.DataDir, fakePortal{st: map[string]api.CouponStatus{st.Code: used}}, a.Log)
	chk, err := desk.Redeem(ctx, payload+"\r\n")
	when := used.RedeemedAt.Local().Format("02.01.2006 15:04")
	if err != nil || chk.Redeemed || chk.Signature != staff.SignatureValid || chk.Portal != staff.PortalConfirmed ||
		text(chk.Refusal, showroom.Russian) != "Этот купон уже погашен "+when+", дилер: Рольф Восток (007777); повторно его погасить нельзя." ||
		text(chk.Refusal, showroom.English) != "This coupon was already redeemed on "+when+" by Рольф Восток (007777); it cannot be redeemed again." {
		t.Fatalf("redeemed elsewhere: %+v, %v", chk, err)
	}
	if chk.Offer.Title != "Только для Вас: 200 ₽ на комплекс-сервис" || chk.Model != "Fluence" || chk.VINTail != "606589" {
		t.Errorf("the check describes %+v", chk)
	}

	// Unused at the portal: redeemed here, stored, and queued.
	desk.portal = fakePortal{st: map[string]api.CouponStatus{st.Code: st}}
	chk, err = desk.Redeem(ctx, st.Code)
	if err != nil || !chk.Redeemed || chk.Refusal != nil || chk.Signature != staff.SignatureNone {
		t.Fatalf("redeeming another device's coupon: %+v, %v", chk, err)
	}
	if c, err := a.DB.Coupon(ctx, st.Code); err != nil || c.RedeemedBy != "006122" {
		t.Fatalf("stored %+v, %v", c, err)
	}
	if n := len(outbox(t, a.DB, api.TypeCouponRedeem)); n != 1 {
		t.Fatalf("%d coupon.redeem mutations", n)
	}

	// A payload the issuer's key does not verify is refused outright.
	_, forged, _ := foreign(t)
	other, _ := showroom.ParseCouponPayload(forged)
	desk.portal = fakePortal{st: map[string]api.CouponStatus{other.Code: st}}
	if _, err := desk.Check(ctx, forged); text(err, showroom.Russian) != "Подпись купона недействительна: купон выдан не этим устройством или изменён." {
		t.Errorf("a forged payload: %v", err)
	}

	// Codes the portal never issued, and codes nobody can confirm.
	unknown, _ := showroom.NewCouponCode("YYYY", nil)
	chk, err = desk.Check(ctx, unknown)
	if err != nil || text(chk.Refusal, showroom.Russian) != "Купон с таким кодом не выдавался. Сверьте код с клиентом." {
		t.Errorf("an unknown code: %+v, %v", chk, err)
	}
	desk.portal = fakePortal{err: errors.New("connection refused")}
	chk, err = desk.Check(ctx, unknown)
	if err != nil || chk.Portal != staff.PortalUnreachable ||
		text(chk.Refusal, showroom.English) != "This device does not know the coupon and the portal could not be asked. Redeem it once the connection is back." {
		t.Errorf("offline, unknown here: %+v, %v", chk, err)
	}
	if _, err := desk.Check(ctx, "K7QM-0000"); showroom.ErrorCode(err) != showroom.EInvalidCoupon {
		t.Errorf("a malformed code: %v", err)
	}
}

func TestCouponDeskRefusesAnEndedOffer(t *testing.T) {
	a := openDemo(t)
	enrol(t, a.Config.DataDir)
	ctx := context.Background()
	code, _ := issued(t, a)
	ended := time.Now().Add(-24 * time.Hour)
	err := a.DB.Update(ctx, func(tx *localdb.Tx) error {
		o, err := a.DB.Offer(ctx, "KS200")
		if err != nil {
			return err
		}
		o.ValidTo = ended
		return tx.PutOffer(o)
	})
	if err != nil {
		t.Fatal(err)
	}
	chk, err := newCouponDesk(a.DB, a.Config.DataDir, nil, a.Log).Redeem(ctx, code)
	want := "Срок предложения истёк " + ended.Local().Format("02.01.2006") + "; купон больше нельзя погасить."
	if err != nil || chk.Redeemed || ui.ErrorText(chk.Refusal) != want {
		t.Fatalf("an ended offer: %+v, %v", chk, err)
	}
	if n := len(outbox(t, a.DB, api.TypeCouponRedeem)); n != 0 {
		t.Fatalf("%d coupon.redeem mutations", n)
	}
}

// onRussianLayout is what a USB scanner types for a QR payload when the
// desk's keyboard layout is Russian (ЙЦУКЕН): the payload's capitals, ':'
// and '.' are on the keys of Ь, Ж and Ю there, its digits the same.
func onRussianLayout(payload string) string {
	us := []rune("QWERTYUIOPASDFGHJKLZXCVBNM:.")
	ru := []rune("ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬЖю")
	out := []rune(payload)
	for i, r := range out {
		if j := slices.Index(us, r); j >= 0 {
			out[i] = ru[j]
		}
	}
	return string(out)
}

// TestDeskRedeemsACouponScannedOnTheRussianLayout scans a coupon's QR code
// with the keyboard layout left on Russian: key by key the entry says it
// is reading a QR code, not that a code has a wrong character, and the
// coupon is checked, its signature verified and redeemed.
func TestDeskRedeemsACouponScannedOnTheRussianLayout(t *testing.T) {
	a := openDemo(t)
	enrol(t, a.Config.DataDir)
	code, payload := issued(t, a)
	d, entry := openCouponCheck(t, a)
	scanned := onRussianLayout(payload)
	if !strings.HasPrefix(scanned, "ЬК1Ж") {
		t.Fatalf("the scanner types %q", scanned)
	}
	for i, r := range []rune(scanned) {
		test.Type(entry, string(r))
		if got := d.texts(); !contains(got, "QR-код купона — нажмите Enter для проверки.") {
			t.Fatalf("after %d keys (%q): %q", i+1, string([]rune(scanned)[:i+1]), got)
		}
	}
	if entry.Text != scanned {
		t.Fatalf("the entry holds %q", entry.Text)
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	d.settle("check")
	got := d.texts()
	for _, want := range []string{"Код купона: " + code, "Подпись QR-кода верна.", "Купон можно погасить."} {
		if !contains(got, want) {
			t.Fatalf("the check lacks %q: %q", want, got)
		}
	}
	test.Tap(d.button("Погасить"))
	d.settle("redeem")
	if got := d.texts(); !contains(got, "Купон погашен. Изменение сохранено и будет отправлено на портал.") {
		t.Fatalf("after redeeming: %q", got)
	}
	if c, err := a.DB.Coupon(context.Background(), code); err != nil || c.RedeemedAt.IsZero() {
		t.Fatalf("stored %+v, %v", c, err)
	}
}
