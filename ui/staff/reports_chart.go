package staff

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// The reports' drawings: the gauge of the quarter and the trend by month.

// gaugeScale is the rate at the gauge's right end: twice the target, so
// that the target sits in the middle.
const gaugeScale = 2 * showroom.RegistrationTarget

// gauge is the quarter's rate in large type, a bar against the target and
// what is left to do.
func (r *Reports) gauge(d ReportData) fyne.CanvasObject {
	big := canvas.NewText(rateText(d.KPI), rateColour(d.KPI))
	big.TextSize = 48
	big.TextStyle.Bold = true
	title := widget.NewLabelWithStyle(ui.T("reports.gauge.title", quarterName(d.Quarter), d.DealerName), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	counts := widget.NewLabel(ui.T("reports.gauge.counts", d.Registrations, d.Sales))
	left := widget.NewLabel(goalText(d.KPI))
	left.Wrapping = fyne.TextWrapWord
	bar := newGaugeBar(d.KPI)
	target := widget.NewLabel(ui.T("reports.gauge.target"))
	return container.NewVBox(title, container.NewHBox(big, container.NewVBox(counts, target)), bar, left)
}

// goalText says how far the dealer is from the goal.
func goalText(k KPI) string {
	if k.Sales == 0 {
		return ui.T("reports.gauge.nosales")
	}
	need := int(math.Ceil(showroom.RegistrationTarget*float64(k.Sales) - 1e-9))
	if k.Registrations >= need {
		return ui.T("reports.gauge.met")
	}
	return ui.T("reports.gauge.short", need-k.Registrations)
}

// gaugeBar draws the rate as a bar from 0 to gaugeScale with a mark at the
// target.
type gaugeBar struct {
	widget.BaseWidget
	kpi KPI
}

func newGaugeBar(k KPI) *gaugeBar {
	g := &gaugeBar{kpi: k}
	g.ExtendBaseWidget(g)
	return g
}

func (g *gaugeBar) CreateRenderer() fyne.WidgetRenderer {
	track := canvas.NewRectangle(trackBg)
	track.CornerRadius = 4
	fill := canvas.NewRectangle(rateColour(g.kpi))
	fill.CornerRadius = 4
	mark := canvas.NewRectangle(targetFg)
	return &gaugeRenderer{g: g, track: track, fill: fill, mark: mark}
}

type gaugeRenderer struct {
	g                 *gaugeBar
	track, fill, mark *canvas.Rectangle
}

func (r *gaugeRenderer) Layout(s fyne.Size) {
	r.track.Resize(s)
	rate, _ := r.g.kpi.Rate()
	w := float32(math.Min(rate/gaugeScale, 1)) * s.Width
	r.fill.Resize(fyne.NewSize(w, s.Height))
	x := float32(showroom.RegistrationTarget/gaugeScale) * s.Width
	r.mark.Move(fyne.NewPos(x-1.5, -4))
	r.mark.Resize(fyne.NewSize(3, s.Height+8))
}

func (r *gaugeRenderer) MinSize() fyne.Size { return fyne.NewSize(240, 20) }
func (r *gaugeRenderer) Refresh()           { r.fill.FillColor = rateColour(r.g.kpi); r.fill.Refresh() }
func (r *gaugeRenderer) Destroy()           {}
func (r *gaugeRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.mark}
}

// trendChart draws each month's rate as a bar, with the target as a line
// and the figures under each bar.
func trendChart(months []MonthKPI) fyne.CanvasObject {
	if len(months) == 0 {
		return widget.NewLabel("—")
	}
	cols := make([]fyne.CanvasObject, 0, len(months))
	for i, m := range months {
		v := small(rateText(m.KPI), false)
		bar := newRateBar(m.KPI)
		// The month's short name; the year under the first month and
		// under each January.
		year := ""
		if i == 0 || m.Month.Month() == time.January {
			year = strconv.Itoa(m.Month.Year())
		}
		name := small(ui.T("reports.month."+strconv.Itoa(int(m.Month.Month()))), true)
		n := small(fmt.Sprintf("%d/%d", m.Registrations, m.Sales), false)
		cols = append(cols, container.NewBorder(v, container.NewVBox(name, n, small(year, false)), nil, nil, bar))
	}
	// The chart keeps its columns readable and scrolls sideways in a
	// narrow pane rather than widening the window.
	return container.NewHScroll(container.NewGridWithColumns(len(cols), cols...))
}

// small is a centred caption of the chart.
func small(s string, bold bool) fyne.CanvasObject {
	t := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
	t.Alignment = fyne.TextAlignCenter
	t.TextSize = theme.CaptionTextSize() * 1.1
	t.TextStyle.Bold = bold
	return t
}

// rateBar is one month's bar, its height the rate on the gauge's scale,
// with the target drawn across.
type rateBar struct {
	widget.BaseWidget
	kpi KPI
}

func newRateBar(k KPI) *rateBar {
	b := &rateBar{kpi: k}
	b.ExtendBaseWidget(b)
	return b
}

func (b *rateBar) CreateRenderer() fyne.WidgetRenderer {
	fill := canvas.NewRectangle(rateColour(b.kpi))
	line := canvas.NewRectangle(targetFg)
	return &rateBarRenderer{b: b, fill: fill, line: line}
}

type rateBarRenderer struct {
	b          *rateBar
	fill, line *canvas.Rectangle
}

func (r *rateBarRenderer) Layout(s fyne.Size) {
	rate, _ := r.b.kpi.Rate()
	h := float32(math.Min(rate/gaugeScale, 1)) * s.Height
	w := s.Width * 0.6
	r.fill.Move(fyne.NewPos((s.Width-w)/2, s.Height-h))
	r.fill.Resize(fyne.NewSize(w, h))
	y := s.Height - float32(showroom.RegistrationTarget/gaugeScale)*s.Height
	r.line.Move(fyne.NewPos(0, y-1))
	r.line.Resize(fyne.NewSize(s.Width, 2))
}

func (r *rateBarRenderer) MinSize() fyne.Size { return fyne.NewSize(44, 140) }
func (r *rateBarRenderer) Refresh()           {}
func (r *rateBarRenderer) Destroy()           {}
func (r *rateBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.fill, r.line}
}
