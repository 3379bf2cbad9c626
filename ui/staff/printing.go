package staff

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// Printing is what the desk's print flow consumes: the Welcome Pack at
// handover and offer coupons at the service desk. cmd/showroom implements it
// with the local store, the PDF maker and CUPS.
type Printing interface {
	// Printers lists the printer queues and the one remembered from the
	// last print ("" when none). An error means no queue can be offered;
	// saving the PDF still works.
	Printers(ctx context.Context) (queues []string, remembered string, err error)
	// Offers lists the offers that apply to the cars of a garage.
	Offers(ctx context.Context, garage []showroom.Vehicle) ([]CarOffer, error)
	// WelcomePack makes and saves the Welcome Pack of the customer with
	// portal ID customerID, in lang.
	WelcomePack(ctx context.Context, customerID string, lang showroom.Lang) (Document, error)
	// Coupon issues a coupon of the offer for the car vin (recorded and
	// queued for the portal) and saves its PDF, in lang.
	Coupon(ctx context.Context, offerID, vin string, lang showroom.Lang) (Document, error)
	// Print sends doc to the printer queue, waits until the printer took
	// it, and remembers the queue for the next print. It returns the job's
	// name.
	Print(ctx context.Context, queue string, doc Document) (job string, err error)
}

// Document is a PDF saved on disk.
type Document struct {
	Path  string
	Title string
	// Code is the coupon's code, for coupons.
	Code string
}

// CarOffer is an offer that applies to one of the customer's cars.
type CarOffer struct {
	Offer   showroom.Offer
	Vehicle showroom.Vehicle
}

// printJob says which document the print view makes.
type printJob struct {
	what     string // the document, as the view's title names it
	customer string // the customer's portal ID, for a Welcome Pack
	offerID  string // for a coupon
	vin      string
}

// printView is the print flow shown over the cabinet: the document's
// language, the printer (or saving the PDF only), then progress and the
// outcome. Work runs through async, never on the UI goroutine.
type printView struct {
	ctx   context.Context
	p     Printing
	async ui.Async
	log   *slog.Logger
	back  func()

	title    *widget.Label
	lang     *widget.RadioGroup
	printer  *widget.Select
	printers *widget.Label // why no printer can be chosen, when none can
	printBtn *widget.Button
	backBtn  *widget.Button
	progress *widget.ProgressBarInfinite
	state    *widget.Label
	outcome  *widget.Label
	buttons  *fyne.Container
	box      *fyne.Container
	root     fyne.CanvasObject

	job  printJob
	busy bool
	// focus puts the cursor on a widget of the window; nil in tests that
	// build the view alone.
	focus func(fyne.Focusable)
}

func newPrintView(ctx context.Context, p Printing, async ui.Async, log *slog.Logger, back func()) *printView {
	v := &printView{ctx: ctx, p: p, async: async, log: log, back: back}
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Wrapping = fyne.TextWrapWord
	v.lang = widget.NewRadioGroup([]string{ui.T("print.lang.ru"), ui.T("print.lang.en")}, nil)
	v.lang.Horizontal = true
	v.lang.Required = true
	v.printer = widget.NewSelect(nil, func(string) { v.updateButton() })
	v.printers = widget.NewLabel("")
	v.printers.Wrapping = fyne.TextWrapWord
	v.printBtn = &widget.Button{Text: ui.T("print.print"), Importance: widget.HighImportance, OnTapped: v.onPrint}
	v.backBtn = &widget.Button{Text: ui.T("print.back"), OnTapped: v.onBack}
	v.progress = widget.NewProgressBarInfinite()
	v.state = widget.NewLabel("")
	v.state.Wrapping = fyne.TextWrapWord
	v.outcome = widget.NewLabel("")
	v.outcome.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem(ui.T("print.lang"), v.lang),
		widget.NewFormItem(ui.T("print.printer"), v.printer),
	)
	v.buttons = container.NewHBox(v.printBtn, v.backBtn)
	v.box = container.NewVBox(v.title, form, v.printers, v.buttons, v.progress, v.state, v.outcome)
	v.root = container.NewVScroll(v.box)
	return v
}

// open starts the flow for job and loads the printers in the background.
func (v *printView) open(job printJob) {
	v.job, v.busy = job, false
	v.title.SetText(job.what)
	if ui.Lang() == showroom.English {
		v.lang.SetSelected(ui.T("print.lang.en"))
	} else {
		v.lang.SetSelected(ui.T("print.lang.ru"))
	}
	v.printer.Options = nil
	v.printer.ClearSelected()
	v.printer.PlaceHolder = ui.T("print.printers.loading")
	v.printer.Disable()
	v.printers.SetText("")
	v.printers.Hide()
	v.progress.Stop()
	v.progress.Hide()
	v.state.SetText("")
	v.outcome.SetText("")
	v.outcome.Importance = widget.MediumImportance
	v.printBtn.Disable()
	v.backBtn.Enable()
	v.box.Refresh()
	v.async(func() func() {
		ctx, cancel := context.WithTimeout(v.ctx, 30*time.Second)
		defer cancel()
		queues, remembered, err := v.p.Printers(ctx)
		return func() { v.showPrinters(job, queues, remembered, err) }
	})
}

// saveOnly is the printer choice that only saves the PDF.
func saveOnly() string { return ui.T("print.saveonly") }

func (v *printView) showPrinters(job printJob, queues []string, remembered string, err error) {
	if job != v.job {
		return // another document was opened meanwhile
	}
	v.printer.Options = append(append([]string(nil), queues...), saveOnly())
	v.printer.Enable()
	// The remembered printer; the only one when none is remembered yet.
	choice := saveOnly()
	if slices.Contains(queues, remembered) {
		choice = remembered
	} else if remembered == "" && len(queues) == 1 {
		choice = queues[0]
	}
	switch {
	case showroom.ErrorCode(err) == showroom.EPrintUnavailable:
		v.printers.SetText(ui.T("print.printers.down"))
		v.printers.Show()
	case err != nil:
		v.log.Warn("printers could not be listed", "code", showroom.ErrorCode(err))
		v.printers.SetText(ui.T("print.printers.failed"))
		v.printers.Show()
	case len(queues) == 0:
		v.printers.SetText(ui.T("print.printers.none"))
		v.printers.Show()
	}
	v.printer.SetSelected(choice)
	v.updateButton()
	// The desk is keyboard-first: Space prints (or saves) the document
	// with the choices shown.
	if v.focus != nil && !v.printBtn.Disabled() {
		v.focus(v.printBtn)
	}
}

func (v *printView) updateButton() {
	if v.printer.Selected == saveOnly() {
		v.printBtn.SetText(ui.T("print.save"))
	} else {
		v.printBtn.SetText(ui.T("print.print"))
	}
	if v.busy || v.printer.Selected == "" {
		v.printBtn.Disable()
	} else {
		v.printBtn.Enable()
	}
	v.box.Refresh() // the button's text and what is shown change the layout
}

func (v *printView) chosenLang() showroom.Lang {
	if v.lang.Selected == ui.T("print.lang.en") {
		return showroom.English
	}
	return showroom.Russian
}

// onPrint makes the document, then prints it: two steps in the background,
// each shown as it starts.
func (v *printView) onPrint() {
	job, lang, queue := v.job, v.chosenLang(), v.printer.Selected
	if queue == saveOnly() {
		queue = ""
	}
	v.setBusy(true)
	v.state.SetText(ui.T("print.making"))
	v.outcome.SetText("")
	v.async(func() func() {
		ctx, cancel := context.WithTimeout(v.ctx, time.Minute)
		defer cancel()
		var doc Document
		var err error
		if job.offerID != "" {
			doc, err = v.p.Coupon(ctx, job.offerID, job.vin, lang)
		} else {
			doc, err = v.p.WelcomePack(ctx, job.customer, lang)
		}
		return func() { v.made(job, queue, doc, err) }
	})
}

func (v *printView) made(job printJob, queue string, doc Document, err error) {
	if job != v.job {
		return
	}
	switch {
	case err != nil:
		v.log.Error("document not made", "code", showroom.ErrorCode(err))
		v.finish(ui.ErrorText(err), true)
		return
	case queue == "":
		v.finish(ui.T("print.saved", doc.Path), false)
		return
	}
	v.state.SetText(ui.T("print.sending", queue))
	v.box.Refresh()
	v.async(func() func() {
		ctx, cancel := context.WithTimeout(v.ctx, 3*time.Minute)
		defer cancel()
		name, err := v.p.Print(ctx, queue, doc)
		return func() {
			if job != v.job {
				return
			}
			if err != nil {
				v.log.Error("printing failed", "code", showroom.ErrorCode(err))
				v.finish(ui.ErrorText(err)+"\n"+ui.T("print.kept", doc.Path), true)
				return
			}
			v.finish(ui.T("print.printed", queue, name)+"\n"+ui.T("print.kept", doc.Path), false)
		}
	})
}

func (v *printView) finish(text string, failed bool) {
	v.setBusy(false)
	v.state.SetText("")
	v.outcome.Importance = widget.SuccessImportance
	if failed {
		v.outcome.Importance = widget.DangerImportance
	}
	v.outcome.SetText(text)
}

func (v *printView) setBusy(busy bool) {
	v.busy = busy
	if busy {
		v.progress.Show()
		v.progress.Start()
		v.lang.Disable()
		v.printer.Disable()
	} else {
		v.progress.Stop()
		v.progress.Hide()
		v.lang.Enable()
		v.printer.Enable()
	}
	v.updateButton()
}

func (v *printView) onBack() {
	v.job = printJob{}
	v.back()
}
