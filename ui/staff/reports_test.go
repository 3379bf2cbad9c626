package staff

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// reportsFake is the screen's backend with fixed figures; the real one,
// over the local store and the portal, is tested in cmd/showroom.
type reportsFake struct {
	asked []showroom.Quarter
	// rankErr, when set, is RegionRanking's error.
	rankErr error
}

func (f *reportsFake) DealerReport(_ context.Context, q showroom.Quarter) (ReportData, error) {
	f.asked = append(f.asked, q)
	d := ReportData{DealerCode: "006122", DealerName: "Автомир-Екатеринбург", Quarter: q, KPI: KPI{Registrations: 35, Sales: 200},
		Staff: []StaffKPI{{Name: "Анна Смирнова", Role: showroom.RoleSales, Handovers: 80, Registrations: 20},
			{Name: "", Handovers: 5}},
		Past: []QuarterKPI{{Quarter: showroom.Quarter{Year: 2026, Q: 3}, KPI: KPI{Registrations: 44, Sales: 210}},
			{Quarter: showroom.Quarter{Year: 2026, Q: 2}, KPI: KPI{Registrations: 10, Sales: 0}}}}
	m := time.Date(2025, 12, 1, 0, 0, 0, 0, showroom.Moscow())
	for i := range 12 {
		d.Trend = append(d.Trend, MonthKPI{Month: m.AddDate(0, i, 0), KPI: KPI{Registrations: 10 + i, Sales: 60}})
	}
	return d, nil
}

func (f *reportsFake) RegionRanking(_ context.Context, q showroom.Quarter) (string, []RankRow, error) {
	region := "Свердловская область"
	if f.rankErr != nil {
		// As the real backend: the region is known unless that is what
		// failed, or the device was never enrolled to learn it.
		if errors.Is(f.rankErr, ErrRankingNoRegion) || errors.Is(f.rankErr, ErrRankingNotEnrolled) {
			region = ""
		}
		return region, nil, f.rankErr
	}
	return region, []RankRow{
		{Code: "006300", Name: "Рено Нижний Тагил", KPI: KPI{Registrations: 3, Sales: 0}},
		{Code: "006122", Name: "Автомир-Екатеринбург", KPI: KPI{Registrations: 35, Sales: 200}},
		{Code: "006200", Name: "Рено Пермь", KPI: KPI{Registrations: 30, Sales: 100}},
	}, nil
}

// syncAsync applies results at once, on the test's goroutine.
func syncAsync(work func() func()) { work()() }

func newTestReports(t *testing.T, f *reportsFake) (*Reports, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	r := NewReports(context.Background(), f, nil)
	r.Async = syncAsync
	r.Now = func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }
	w := test.NewWindow(r.Content())
	w.Resize(fyne.NewSize(1280, 1400))
	t.Cleanup(w.Close)
	return r, w
}

func TestReportsScreenRussian(t *testing.T) {
	ui.SetLang(showroom.Russian)
	f := &reportsFake{}
	r, w := newTestReports(t, f)
	r.Start()
	if len(f.asked) != 1 || f.asked[0] != (showroom.Quarter{Year: 2026, Q: 4}) {
		t.Fatalf("asked for %v, want this quarter", f.asked)
	}
	if got := r.quarter.Options; len(got) != 8 || got[0] != "4 квартал 2026" || got[7] != "1 квартал 2025" {
		t.Fatalf("quarters %v", got)
	}
	test.AssertRendersToMarkup(t, "reports_ru.xml", w.Canvas())
}

func TestReportsFigures(t *testing.T) {
	ui.SetLang(showroom.Russian)
	defer ui.SetLang(showroom.Russian)
	tests := []struct {
		k        KPI
		ru, en   string
		goal     string
		colourOK bool
	}{
		{KPI{35, 200}, "17,5 %", "17.5%", "До цели не хватает регистраций: 5.", false},
		{KPI{40, 200}, "20,0 %", "20.0%", "Цель квартала достигнута.", true},
		{KPI{21, 101}, "20,8 %", "20.8%", "Цель квартала достигнута.", true}, // 20.2 needed: 21
		{KPI{20, 101}, "19,8 %", "19.8%", "До цели не хватает регистраций: 1.", false},
		{KPI{3, 0}, "—", "—", "В этом квартале ещё нет розничных продаж.", false},
	}
	for _, tt := range tests {
		ui.SetLang(showroom.Russian)
		if got := rateText(tt.k); got != tt.ru {
			t.Errorf("%v: %q, want %q", tt.k, got, tt.ru)
		}
		if got := goalText(tt.k); got != tt.goal {
			t.Errorf("%v: %q, want %q", tt.k, got, tt.goal)
		}
		if (rateColour(tt.k) == goalMet) != tt.colourOK {
			t.Errorf("%v: colour %v", tt.k, rateColour(tt.k))
		}
		ui.SetLang(showroom.English)
		if got := rateText(tt.k); got != tt.en {
			t.Errorf("%v: %q, want %q", tt.k, got, tt.en)
		}
	}
}

func TestRankingBestFirstMineInBold(t *testing.T) {
	ui.SetLang(showroom.Russian)
	r, _ := newTestReports(t, &reportsFake{})
	r.Start()
	var rows []string
	var bold []string
	for _, o := range allLabels(r.rankingView()) {
		rows = append(rows, o.Text)
		if o.TextStyle.Bold {
			bold = append(bold, o.Text)
		}
	}
	got := strings.Join(rows, "|")
	want := "№|Дилер|Регистрации|Розничные продажи|Доля|" +
		"1|Рено Пермь (006200)|30|100|30,0 %|" +
		"2|Автомир-Екатеринбург (006122)|35|200|17,5 %|" +
		"3|Рено Нижний Тагил (006300)|3|0|—"
	if got != want {
		t.Fatalf("ranking\n got %s\nwant %s", got, want)
	}
	if strings.Join(bold[5:], "|") != "2|Автомир-Екатеринбург (006122)|35|200|17,5 %" {
		t.Fatalf("bold: %v", bold)
	}
	if csv := string(rankingCSV(sortedRanking(r.ranking))); csv != "rank,dealer,name,registrations,retail_sales,rate,target\n"+
		"1,006200,Рено Пермь,30,100,0.3000,0.2\n2,006122,Автомир-Екатеринбург,35,200,0.1750,0.2\n3,006300,Рено Нижний Тагил,3,0,,0.2\n" {
		t.Fatalf("ranking CSV:\n%s", csv)
	}
}

// errUnreachable is how a portal that cannot be reached fails.
var errUnreachable = errors.New("portal unreachable")

// TestReportsScreenOfflineRussian: without the portal the screen shows the
// dealer's own figures, and where the ranking would be, why it is not.
func TestReportsScreenOfflineRussian(t *testing.T) {
	ui.SetLang(showroom.Russian)
	r, w := newTestReports(t, &reportsFake{rankErr: errUnreachable})
	r.Start()
	test.AssertRendersToMarkup(t, "reports_offline_ru.xml", w.Canvas())
}

func TestRankingOfflineSaysWhy(t *testing.T) {
	defer ui.SetLang(showroom.Russian)
	for _, tt := range []struct {
		err    error
		ru, en string
	}{
		{errUnreachable, "сейчас связи с порталом нет", "cannot be reached now"},
		{fmt.Errorf("push: %w", ErrRankingNotEnrolled), "устройство к порталу не подключено", "not enrolled"},
		{ErrRankingNoRegion, "неизвестен регион вашего дилера", "does not know your dealer's region"},
	} {
		for lang, want := range map[showroom.Lang]string{showroom.Russian: tt.ru, showroom.English: tt.en} {
			ui.SetLang(lang)
			r, _ := newTestReports(t, &reportsFake{rankErr: tt.err})
			r.Start()
			l, ok := r.rankingView().(*widget.Label)
			if !ok || !strings.Contains(l.Text, want) {
				t.Errorf("%v in %s: %#v, want it to say %q", tt.err, lang, r.rankingView(), want)
			}
			// The dealer's own figures are there all the same, and no
			// ranking can be exported.
			if r.data.Registrations != 35 || r.rankingExport() == nil {
				t.Fatalf("local figures missing: %+v", r.data)
			}
			if _, isButton := r.rankingExport().(*widget.Button); isButton {
				t.Errorf("%v: a ranking to export", tt.err)
			}
		}
	}
	// Without a region the title names none.
	ui.SetLang(showroom.Russian)
	r, _ := newTestReports(t, &reportsFake{rankErr: ErrRankingNoRegion})
	r.Start()
	if got := r.rankingTitle(); got != "Рейтинг дилеров региона" {
		t.Errorf("title %q", got)
	}
}

func TestEveryTableExports(t *testing.T) {
	ui.SetLang(showroom.Russian)
	r, w := newTestReports(t, &reportsFake{})
	saved := map[string]string{}
	r.Save = func(name string, data []byte) { saved[name] = string(data) }
	r.Start()
	for _, b := range allButtons(w.Content()) {
		if b.Text == "Экспорт CSV" {
			test.Tap(b)
		}
	}
	for name, head := range map[string]string{
		"006122-trend-2026Q4.csv":    "month,registrations,retail_sales,rate,target\n2025-12,10,60,0.1667,0.2\n",
		"006122-staff-2026Q4.csv":    "staff,role,handovers,registrations\nАнна Смирнова,sales,80,20\n,,5,0\n",
		"006122-ranking-2026Q4.csv":  "rank,dealer,name,registrations,retail_sales,rate,target\n1,006200,",
		"006122-quarters-2026Q4.csv": "quarter,registrations,retail_sales,rate,target\n2026Q3,44,210,0.2095,0.2\n2026Q2,10,0,,0.2\n",
	} {
		if !strings.HasPrefix(saved[name], head) {
			t.Errorf("%s:\n%s\nwant it to start with\n%s", name, saved[name], head)
		}
	}
	if len(saved) != 4 {
		t.Errorf("saved %d files: %v", len(saved), saved)
	}
}

func TestAStaleQuarterNeverOverwritesTheChosenOne(t *testing.T) {
	ui.SetLang(showroom.Russian)
	r, _ := newTestReports(t, &reportsFake{})
	var pending []func() func()
	r.Async = func(work func() func()) { pending = append(pending, work) }
	r.Start()                     // this quarter: 2 calls queued
	r.quarter.SetSelectedIndex(1) // the previous one: 2 more
	applies := make([]func(), len(pending))
	for i, w := range pending {
		applies[i] = w()
	}
	// The newer quarter's answers arrive first, the older ones last.
	applies[2]()
	applies[3]()
	applies[0]()
	applies[1]()
	if r.data.Quarter != (showroom.Quarter{Year: 2026, Q: 3}) {
		t.Fatalf("showing %v, want the chosen 2026Q3", r.data.Quarter)
	}
}

// TestRankingArrivingFirstIsKept: the portal may answer before the local
// count is done; the ranking it sent stays on the screen when the count
// arrives, and the screen is drawn once both figures of the quarter are in.
func TestRankingArrivingFirstIsKept(t *testing.T) {
	ui.SetLang(showroom.Russian)
	r, _ := newTestReports(t, &reportsFake{})
	var pending []func() func()
	r.Async = func(work func() func()) { pending = append(pending, work) }
	r.Start()
	report, ranking := pending[0](), pending[1]()
	ranking()
	if len(r.body.Objects) != 0 {
		t.Fatal("the screen was drawn with no figures of the quarter")
	}
	report()
	if len(r.ranking) != 3 {
		t.Fatalf("the ranking that came first is gone: %v", r.ranking)
	}
	if l, ok := r.rankingView().(*widget.Label); ok {
		t.Fatalf("ranking: %q", l.Text)
	}
	// Another quarter: nothing of the one before is shown as its ranking.
	pending = nil
	r.quarter.SetSelectedIndex(1)
	pending[0]()()
	if r.ranking != nil || r.region != "" {
		t.Fatalf("the previous quarter's ranking (%q, %d rows) under the new quarter", r.region, len(r.ranking))
	}
}

func allLabels(o fyne.CanvasObject) []*widget.Label {
	var out []*widget.Label
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l)
		}
	})
	return out
}

func allButtons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b)
		}
	})
	return out
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, ch := range c.Objects {
			walk(ch, f)
		}
	case fyne.Widget:
		if _, isLabel := c.(*widget.Label); isLabel {
			return
		}
		if _, isButton := c.(*widget.Button); isButton {
			return
		}
		for _, ch := range test.WidgetRenderer(c).Objects() {
			walk(ch, f)
		}
	}
}

func TestWindowOpensReportsAgainWithFreshFigures(t *testing.T) {
	ui.SetLang(showroom.Russian)
	test.NewTempApp(t)
	w := New(context.Background(), nil, nil)
	w.Async = syncAsync
	if w.reportsBtn.Visible() {
		t.Fatal("a reports button without reports")
	}
	f := &reportsFake{}
	w.SetReports(f, nil)
	w.reports.Now = func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }
	win := test.NewWindow(w.Content())
	defer win.Close()
	test.Tap(w.reportsBtn)
	test.Tap(w.reportsBtn)
	if len(f.asked) != 2 || w.detail.Objects[0] != w.reports.Content() {
		t.Fatalf("asked %v; detail %T", f.asked, w.detail.Objects[0])
	}
}
