package staff

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// The registration goal: the dealer's registrations of new customers as a
// share of its retail sales, quarter by quarter, against the programme's
// 20 %.

// KPI is one period's registrations and retail sales.
type KPI struct {
	Registrations int
	Sales         int
}

// Rate is registrations over retail sales; ok is false without sales.
func (k KPI) Rate() (float64, bool) { return showroom.RegistrationRate(k.Registrations, k.Sales) }

// MonthKPI is one month of the trend.
type MonthKPI struct {
	Month time.Time // the month's first day, in Moscow time
	KPI
}

// QuarterKPI is one past quarter.
type QuarterKPI struct {
	Quarter showroom.Quarter
	KPI
}

// StaffKPI is one sales manager's part of the quarter. An empty Name is
// what no staff member is credited with.
type StaffKPI struct {
	Name          string
	Role          showroom.Role
	Handovers     int
	Registrations int
}

// ReportData is the dealer's goal for a quarter as the local store counts
// it (it works offline).
type ReportData struct {
	DealerCode string
	DealerName string
	Quarter    showroom.Quarter
	KPI
	// Trend is the twelve months up to the quarter's last (or up to this
	// month, in the quarter under way), oldest first.
	Trend []MonthKPI
	Staff []StaffKPI
	// Past is the four quarters before, newest first.
	Past []QuarterKPI
}

// RankRow is one dealer of the region's ranking, from the portal's report.
type RankRow struct {
	Code string
	Name string
	KPI
}

// ReportsBackend is what the reports screen consumes.
type ReportsBackend interface {
	// DealerReport counts the quarter in the local store.
	DealerReport(ctx context.Context, q showroom.Quarter) (ReportData, error)
	// RegionRanking asks the portal for the dealers of this dealer's
	// region. Errors: ErrRankingNotEnrolled, ErrRankingNoRegion; any other
	// means the portal could not be reached or answer.
	RegionRanking(ctx context.Context, q showroom.Quarter) (region string, rows []RankRow, err error)
}

// Why there is no region's ranking, as the screen tells people.
var (
	// ErrRankingNotEnrolled: the device has no portal to ask.
	ErrRankingNotEnrolled = errors.New("the device is not enrolled with a portal")
	// ErrRankingNoRegion: the device's dealer directory does not say
	// which region the dealer is in, so it cannot tell which dealers are
	// its neighbours (every dealer it does not know would match).
	ErrRankingNoRegion = errors.New("the dealer's region is not known on this device")
)

// Reports is the reports screen: the quarter's rate against 20 % as a
// gauge, the trend by month, the sales managers, the region's ranking and
// past quarters, each table exportable as CSV.
type Reports struct {
	ctx     context.Context
	backend ReportsBackend
	// Async runs backend calls and file writes; ui.Background unless a
	// test sets another before Load.
	Async ui.Async
	// Now is the clock that picks the current quarter; time.Now unless a
	// test sets another.
	Now func() time.Time
	// Save asks where to write a CSV file and writes it; a file dialog
	// unless a test sets another.
	Save func(name string, data []byte)

	quarter  *widget.Select
	quarters []showroom.Quarter
	status   *widget.Label
	body     *fyne.Container
	root     fyne.CanvasObject
	window   fyne.Window

	data ReportData
	// counted is whether data is the chosen quarter's.
	counted bool
	region  string
	ranking []RankRow
	rankErr error
	loadID  int
}

// NewReports builds the screen; win is the window its dialogs belong to.
func NewReports(ctx context.Context, b ReportsBackend, win fyne.Window) *Reports {
	r := &Reports{ctx: ctx, backend: b, Async: ui.Background, Now: time.Now, window: win}
	r.Save = r.saveWithDialog
	r.status = widget.NewLabel("")
	r.body = container.NewVBox()
	r.quarter = widget.NewSelect(nil, func(string) { r.Load() })
	refresh := widget.NewButton(ui.T("reports.refresh"), r.Load)
	quarter := container.NewGridWrap(fyne.NewSize(200, r.quarter.MinSize().Height), r.quarter)
	top := container.NewHBox(widget.NewLabelWithStyle(ui.T("reports.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		layout.NewSpacer(), widget.NewLabel(ui.T("reports.quarter")), quarter, refresh)
	r.status.Hide()
	r.root = container.NewBorder(container.NewVBox(top, r.status), nil, nil, nil, container.NewVScroll(r.body))
	return r
}

// Content is the screen's root object.
func (r *Reports) Content() fyne.CanvasObject { return r.root }

// Start fills the quarter list (this quarter and the seven before) and
// loads this quarter.
func (r *Reports) Start() {
	q := showroom.QuarterOf(r.Now())
	r.quarters = r.quarters[:0]
	names := make([]string, 0, 8)
	for range 8 {
		r.quarters = append(r.quarters, q)
		names = append(names, quarterName(q))
		q = prevQuarter(q)
	}
	r.quarter.Options = names
	changed := r.quarter.OnChanged
	r.quarter.OnChanged = nil
	r.quarter.SetSelectedIndex(0)
	r.quarter.OnChanged = changed
	r.Load()
}

// setStatus shows a line above the report, or none.
func (r *Reports) setStatus(s string) {
	r.status.SetText(s)
	if s == "" {
		r.status.Hide()
	} else {
		r.status.Show()
	}
}

func prevQuarter(q showroom.Quarter) showroom.Quarter {
	if q.Q == 1 {
		return showroom.Quarter{Year: q.Year - 1, Q: 4}
	}
	return showroom.Quarter{Year: q.Year, Q: q.Q - 1}
}

// quarterName is "4 квартал 2026" / "Q4 2026".
func quarterName(q showroom.Quarter) string { return ui.T("reports.quarter.name", q.Q, q.Year) }

// Load counts the chosen quarter again: the local report and the portal's
// ranking, each applied when it arrives, in whichever order they do. The
// screen is drawn once the local report is in, with the ranking if it
// came first.
func (r *Reports) Load() {
	i := r.quarter.SelectedIndex()
	if i < 0 || i >= len(r.quarters) {
		return
	}
	q := r.quarters[i]
	r.loadID++
	id := r.loadID
	r.counted = false
	r.region, r.ranking, r.rankErr = "", nil, nil
	r.setStatus(ui.T("staff.status.loading"))
	r.Async(func() func() {
		d, err := r.backend.DealerReport(r.ctx, q)
		return func() {
			if id != r.loadID {
				return
			}
			if err != nil {
				r.setStatus(ui.T("reports.failed"))
				return
			}
			r.setStatus("")
			r.data, r.counted = d, true
			r.render()
		}
	})
	r.Async(func() func() {
		region, rows, err := r.backend.RegionRanking(r.ctx, q)
		return func() {
			if id != r.loadID {
				return
			}
			r.region, r.ranking, r.rankErr = region, rows, err
			if r.counted {
				r.render()
			}
		}
	})
}

// render rebuilds the screen from the data loaded.
func (r *Reports) render() {
	d := r.data
	r.body.Objects = []fyne.CanvasObject{
		r.gauge(d),
		section(ui.T("reports.trend.title"), r.exportButton("trend", trendCSV(d.Trend)), trendChart(d.Trend)),
		section(ui.T("reports.staff.title"), r.exportButton("staff", staffCSV(d.Staff)), staffTable(d.Staff)),
		section(r.rankingTitle(), r.rankingExport(), r.rankingView()),
		section(ui.T("reports.past.title"), r.exportButton("quarters", pastCSV(d.Past)), pastTable(d.Past)),
	}
	r.body.Refresh()
}

// rateText writes a rate as people read it: "17,5 %" in Russian, "17.5%"
// in English, "—" without sales.
func rateText(k KPI) string {
	rate, ok := k.Rate()
	if !ok {
		return "—"
	}
	s := strconv.FormatFloat(math.Round(rate*1000)/10, 'f', 1, 64)
	if ui.Lang() == showroom.Russian {
		return strings.Replace(s, ".", ",", 1) + " %"
	}
	return s + "%"
}

// Colours of the gauge: green at or above the target, the programme's
// yellow below it, red below half of it.
var (
	goalMet  = color.NRGBA{R: 0x4c, G: 0xc3, B: 0x5a, A: 0xff}
	goalLow  = color.NRGBA{R: 0xe5, G: 0x4b, B: 0x3c, A: 0xff}
	trackBg  = color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	targetFg = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
)

func rateColour(k KPI) color.Color {
	rate, ok := k.Rate()
	switch {
	case ok && rate >= showroom.RegistrationTarget:
		return goalMet
	case ok && rate < showroom.RegistrationTarget/2:
		return goalLow
	}
	return ui.Yellow
}

// section is a titled block with its export button.
func section(title string, export fyne.CanvasObject, content fyne.CanvasObject) fyne.CanvasObject {
	head := container.NewHBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), layout.NewSpacer(), export)
	return container.NewVBox(widget.NewSeparator(), head, content)
}

func roleText(r showroom.Role) string {
	if r == "" {
		return ""
	}
	return ui.T("staff.role." + string(r))
}

func staffName(s StaffKPI) string {
	if s.Name == "" {
		return ui.T("reports.staff.nobody")
	}
	return s.Name
}

func staffTable(rows []StaffKPI) fyne.CanvasObject {
	if len(rows) == 0 {
		return widget.NewLabel(ui.T("reports.empty"))
	}
	var cells [][]string
	for _, s := range rows {
		cells = append(cells, []string{staffName(s), roleText(s.Role), strconv.Itoa(s.Handovers), strconv.Itoa(s.Registrations)})
	}
	return grid([]string{ui.T("reports.col.staff"), ui.T("reports.col.role"), ui.T("reports.col.handovers"), ui.T("reports.col.registrations")}, cells, nil)
}

// sortedRanking orders the region's dealers by rate, best first; dealers
// without sales last; ties by registrations, then code.
func sortedRanking(rows []RankRow) []RankRow {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b RankRow) int {
		ra, oka := a.Rate()
		rb, okb := b.Rate()
		switch {
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		case ra != rb:
			if ra > rb {
				return -1
			}
			return 1
		case a.Registrations != b.Registrations:
			return b.Registrations - a.Registrations
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out
}

func (r *Reports) rankingTitle() string {
	if r.region == "" {
		return ui.T("reports.ranking.title.noregion")
	}
	return ui.T("reports.ranking.title", r.region)
}

// rankingUnavailable is why the ranking is missing, in words.
func rankingUnavailable(err error) string {
	switch {
	case errors.Is(err, ErrRankingNoRegion):
		return ui.T("reports.ranking.noregion")
	case errors.Is(err, ErrRankingNotEnrolled):
		return ui.T("reports.ranking.notenrolled")
	}
	return ui.T("reports.ranking.offline")
}

func (r *Reports) rankingView() fyne.CanvasObject {
	switch {
	case r.rankErr != nil:
		l := widget.NewLabel(rankingUnavailable(r.rankErr))
		l.Wrapping = fyne.TextWrapWord
		return l
	case r.ranking == nil:
		return widget.NewLabel(ui.T("staff.status.loading"))
	case len(r.ranking) == 0:
		return widget.NewLabel(ui.T("reports.empty"))
	}
	rows := sortedRanking(r.ranking)
	var cells [][]string
	mine := -1
	for i, d := range rows {
		if d.Code == r.data.DealerCode {
			mine = i
		}
		cells = append(cells, []string{strconv.Itoa(i + 1), d.Name + " (" + d.Code + ")",
			strconv.Itoa(d.Registrations), strconv.Itoa(d.Sales), rateText(d.KPI)})
	}
	return grid([]string{"№", ui.T("reports.col.dealer"), ui.T("reports.col.registrations"), ui.T("reports.col.sales"), ui.T("reports.col.rate")},
		cells, func(i int) bool { return i == mine })
}

func (r *Reports) rankingExport() fyne.CanvasObject {
	if len(r.ranking) == 0 {
		return layout.NewSpacer()
	}
	return r.exportButton("ranking", rankingCSV(sortedRanking(r.ranking)))
}

func pastTable(rows []QuarterKPI) fyne.CanvasObject {
	if len(rows) == 0 {
		return widget.NewLabel(ui.T("reports.empty"))
	}
	var cells [][]string
	for _, q := range rows {
		cells = append(cells, []string{quarterName(q.Quarter), strconv.Itoa(q.Registrations), strconv.Itoa(q.Sales), rateText(q.KPI)})
	}
	return grid([]string{ui.T("reports.col.quarter"), ui.T("reports.col.registrations"), ui.T("reports.col.sales"), ui.T("reports.col.rate")}, cells, nil)
}

// CSV exports: one file per table, with machine-readable columns (codes,
// ISO dates, rates as fractions) so that a spreadsheet can compute with them.

// exportButton saves a table's CSV under a name naming dealer, table and
// quarter.
func (r *Reports) exportButton(table string, data []byte) fyne.CanvasObject {
	name := fmt.Sprintf("%s-%s-%s.csv", r.data.DealerCode, table, r.data.Quarter)
	return widget.NewButton(ui.T("reports.export"), func() { r.Save(name, data) })
}

// saveWithDialog asks where to save, then writes off the UI goroutine.
func (r *Reports) saveWithDialog(name string, data []byte) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		r.Async(func() func() {
			_, werr := w.Write(data)
			if cerr := w.Close(); werr == nil {
				werr = cerr
			}
			return func() {
				if werr != nil {
					r.setStatus(ui.T("reports.export.failed"))
					return
				}
				r.setStatus(ui.T("reports.export.done", w.URI().Name()))
			}
		})
	}, r.window)
	d.SetFileName(name)
	d.Show()
}
