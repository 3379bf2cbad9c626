package staff

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// Coupons is what the service desk's redemption consumes. Both methods take
// what the person typed or the scanner sent: a coupon code or a coupon's
// QR payload.
type Coupons interface {
	// Check looks the coupon up (in the store and, when it can, on the
	// portal) and checks a scanned payload's signature. Input that is not
	// a coupon at all, or a forged payload, is an error.
	Check(ctx context.Context, input string) (CouponCheck, error)
	// Redeem checks the coupon again and, when nothing refuses it, redeems
	// it: saved with its outbox row in one transaction.
	Redeem(ctx context.Context, input string) (CouponCheck, error)
}

// PortalAnswer is what the portal said of a coupon.
type PortalAnswer int

// The portal's answers.
const (
	// PortalUnreachable: the portal could not be asked (offline, or the
	// device is not enrolled); the store's data decides.
	PortalUnreachable PortalAnswer = iota
	// PortalConfirmed: the portal knows the coupon and its state.
	PortalConfirmed
)

// Signature is what became of a scanned payload's signature.
type Signature int

// Signature checks.
const (
	// SignatureNone: a typed code has no signature to check.
	SignatureNone Signature = iota
	// SignatureValid: the issuing device's key verified the payload.
	SignatureValid
	// SignatureUnchecked: the issuing device's key is not at hand (another
	// device's coupon while the portal cannot be asked).
	SignatureUnchecked
)

// CouponCheck is what the desk learned of a coupon.
type CouponCheck struct {
	Code     string
	Offer    showroom.Offer
	Model    string // the car's model, when known
	VINTail  string // the last 6 characters of the VIN
	IssuedAt time.Time
	// IssuedBy names the dealer that issued it, when known.
	IssuedBy  string
	Portal    PortalAnswer
	Signature Signature
	// Refusal says why the coupon cannot be redeemed (a *showroom.Error:
	// already redeemed — when and where —, expired, unknown); nil when it
	// can.
	Refusal error
	// Redeemed is set by Redeem when it redeemed the coupon just now.
	Redeemed bool
}

// couponView is the service desk's redemption: one entry that takes a
// typed or scanned code and submits on Enter, what the coupon is, and the
// button that redeems it.
type couponView struct {
	ctx   context.Context
	c     Coupons
	async ui.Async
	log   *slog.Logger

	entry     *widget.Entry
	hint      *widget.Label
	offer     *widget.Label
	details   *widget.Label
	verdict   *widget.Label
	redeemBtn *widget.Button
	progress  *widget.ProgressBarInfinite
	title     *widget.Label // the offer's title
	code      *widget.Label
	card      *fyne.Container
	box       *fyne.Container
	root      fyne.CanvasObject

	focus   func(fyne.Focusable)
	checked string // the input the card shows, redeemable when non-empty
	seq     int    // increases with every request, so a slow answer never overwrites a newer one
}

func newCouponView(ctx context.Context, c Coupons, async ui.Async, log *slog.Logger) *couponView {
	v := &couponView{ctx: ctx, c: c, async: async, log: log}
	v.entry = widget.NewEntry()
	v.entry.SetPlaceHolder(ui.T("coupon.placeholder"))
	v.entry.OnChanged = v.onChanged
	v.entry.OnSubmitted = func(string) { v.onCheck() }
	v.hint = widget.NewLabel(ui.T("coupon.hint"))
	v.hint.Wrapping = fyne.TextWrapWord
	v.offer = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.offer.Wrapping = fyne.TextWrapWord
	v.details = widget.NewLabel("")
	v.details.Wrapping = fyne.TextWrapWord
	v.verdict = widget.NewLabel("")
	v.verdict.Wrapping = fyne.TextWrapWord
	v.redeemBtn = &widget.Button{Text: ui.T("coupon.redeem"), Importance: widget.HighImportance, OnTapped: v.onRedeem}
	v.redeemBtn.Disable()
	v.progress = widget.NewProgressBarInfinite()
	v.progress.Stop()
	v.progress.Hide()
	// Titles wrap: a long offer title must not widen the pane.
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Wrapping = fyne.TextWrapWord
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.code = widget.NewLabel("")
	v.card = container.NewVBox(widget.NewSeparator(), v.title, v.code, v.offer, v.details, v.verdict,
		container.NewHBox(v.redeemBtn))
	v.card.Hide()
	heading := widget.NewLabelWithStyle(ui.T("coupon.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.box = container.NewVBox(heading, v.entry, v.hint, v.progress, v.card)
	v.root = container.NewVScroll(v.box)
	return v
}

// onChanged says, as the person types, what is wrong with the code; a code
// still being typed only counts its characters, and a scanner's payload is
// left alone until Enter.
func (v *couponView) onChanged(s string) {
	v.checked = ""
	v.redeemBtn.Disable()
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		v.setHint(ui.T("coupon.hint"), widget.MediumImportance)
		return
	case showroom.IsCouponPayload(s) || payloadStart(s) || payloadStart(showroom.LatinKeys(s)):
		v.setHint(ui.T("coupon.payload"), widget.MediumImportance)
		return
	}
	_, err := showroom.ParseCouponCode(s)
	var e *showroom.Error
	switch {
	case err == nil:
		v.setHint(ui.T("coupon.ready"), widget.SuccessImportance)
	case errors.As(err, &e) && e.Reason == showroom.ReasonCouponLength && len(e.Args) == 2 && e.Args[1].(int) < e.Args[0].(int):
		v.setHint(ui.T("coupon.typing", e.Args[1], e.Args[0]), widget.MediumImportance)
	default:
		v.setHint(ui.ErrorText(err), widget.DangerImportance)
	}
}

// payloadStart reports whether s is the beginning of a payload's prefix,
// as a scanner types it key by key.
func payloadStart(s string) bool { return strings.HasPrefix("MR1:", strings.ToUpper(s)) }

func (v *couponView) setHint(s string, imp widget.Importance) {
	v.hint.Importance = imp
	v.hint.SetText(s)
}

// onCheck looks the coupon up in the background.
func (v *couponView) onCheck() {
	input := strings.TrimSpace(v.entry.Text)
	if input == "" {
		return
	}
	v.seq++
	seq := v.seq
	v.checked = ""
	v.redeemBtn.Disable()
	v.busy(true, ui.T("coupon.checking"))
	v.async(func() func() {
		ctx, cancel := context.WithTimeout(v.ctx, 20*time.Second)
		defer cancel()
		c, err := v.c.Check(ctx, input)
		return func() {
			if seq != v.seq {
				return
			}
			v.busy(false, "")
			v.show(input, c, err)
		}
	})
}

func (v *couponView) onRedeem() {
	input := v.checked
	if input == "" {
		return
	}
	v.seq++
	seq := v.seq
	v.checked = ""
	v.redeemBtn.Disable()
	v.busy(true, ui.T("coupon.redeeming"))
	v.async(func() func() {
		ctx, cancel := context.WithTimeout(v.ctx, 20*time.Second)
		defer cancel()
		c, err := v.c.Redeem(ctx, input)
		return func() {
			if seq != v.seq {
				return
			}
			v.busy(false, "")
			v.show(input, c, err)
		}
	})
}

func (v *couponView) busy(on bool, what string) {
	if on {
		v.progress.Show()
		v.progress.Start()
		v.setHint(what, widget.MediumImportance)
	} else {
		v.progress.Stop()
		v.progress.Hide()
	}
	v.box.Refresh()
}

// show puts the outcome of a check or a redemption on the card.
func (v *couponView) show(input string, c CouponCheck, err error) {
	if err != nil {
		v.log.Warn("coupon check failed", "code", showroom.ErrorCode(err))
		v.card.Hide()
		v.setHint(ui.ErrorText(err), widget.DangerImportance)
		v.box.Refresh()
		return
	}
	v.setHint(ui.T("coupon.hint"), widget.MediumImportance)
	v.title.SetText(c.Offer.Title)
	v.code.SetText(ui.T("coupon.code", c.Code))
	v.offer.SetText(c.Offer.Value)
	v.offer.Hidden = c.Offer.Value == ""
	v.details.SetText(strings.Join(couponLines(c), "\n"))
	lines := []string{}
	switch {
	case c.Redeemed:
		lines = append(lines, ui.T("coupon.done"))
	case c.Refusal != nil:
		lines = append(lines, ui.ErrorText(c.Refusal))
	case c.Portal == PortalUnreachable:
		lines = append(lines, ui.T("coupon.offline"), ui.T("coupon.redeemable"))
	default:
		lines = append(lines, ui.T("coupon.redeemable"))
	}
	v.verdict.SetText(strings.Join(lines, "\n"))
	switch {
	case c.Redeemed:
		v.verdict.Importance = widget.SuccessImportance
	case c.Refusal != nil:
		v.verdict.Importance = widget.DangerImportance
	case c.Portal == PortalUnreachable:
		v.verdict.Importance = widget.WarningImportance
	default:
		v.verdict.Importance = widget.SuccessImportance
	}
	v.verdict.Refresh()
	v.card.Show()
	v.box.Refresh()
	if c.Refusal == nil && !c.Redeemed {
		v.checked = input
		v.redeemBtn.Enable()
		v.focus(v.redeemBtn) // Space redeems; the desk stays keyboard-first
		return
	}
	// Done with this coupon: the entry is ready for the next one, which a
	// scanner would otherwise type after this one's code.
	v.entry.SetText("")
	v.focus(v.entry)
}

// couponLines are the car, the validity and where the coupon came from.
func couponLines(c CouponCheck) []string {
	var lines []string
	car := strings.TrimSpace("Renault " + c.Model)
	if c.VINTail != "" {
		car += " · " + ui.T("coupon.vintail", c.VINTail)
	}
	lines = append(lines, ui.T("coupon.car", car))
	if !c.Offer.ValidTo.IsZero() {
		lines = append(lines, ui.T("coupon.valid", c.Offer.ValidFrom.Local().Format("02.01.2006"),
			c.Offer.ValidTo.Local().Format("02.01.2006")))
	}
	if !c.IssuedAt.IsZero() {
		issued := c.IssuedAt.Local().Format("02.01.2006 15:04")
		if c.IssuedBy != "" {
			issued += ", " + c.IssuedBy
		}
		lines = append(lines, ui.T("coupon.issued", issued))
	}
	switch c.Signature {
	case SignatureValid:
		lines = append(lines, ui.T("coupon.signature.valid"))
	case SignatureUnchecked:
		lines = append(lines, ui.T("coupon.signature.unchecked"))
	}
	if c.Portal == PortalConfirmed {
		lines = append(lines, ui.T("coupon.portal.confirmed"))
	}
	return lines
}
