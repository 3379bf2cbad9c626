package staff

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// noticesSection is «Мои уведомления»: the recall campaigns of the
// garage's cars and «Мой календарь» — each car's next maintenance from its
// model's interval, age and mileage, the end of its factory warranty and
// the recall visits.
type noticesSection struct {
	v        *cabinetView
	box      *fyne.Container
	recalls  *fyne.Container
	calendar *fyne.Container
}

func newNoticesSection(v *cabinetView) *noticesSection {
	s := &noticesSection{v: v, recalls: container.NewVBox(), calendar: container.NewVBox()}
	s.box = container.NewVBox(subHeading(ui.T("cab.recalls")), s.recalls, subHeading(ui.T("cab.calendar")), s.calendar)
	return s
}

// waiting is what a section shows until the reference data are in.
func (v *cabinetView) waiting() (fyne.CanvasObject, bool) {
	switch v.refState {
	case refLoaded:
		return nil, false
	case refFailed:
		return wrapped(ui.T("cab.reference.failed")), true
	case refNone:
		if v.editor == nil {
			return wrapped(ui.T("section.later")), true
		}
	}
	return widget.NewLabel(ui.T("cab.loading")), true
}

func (s *noticesSection) show() {
	if w, ok := s.v.waiting(); ok {
		s.recalls.Objects = []fyne.CanvasObject{w}
		s.calendar.Objects = nil
		s.recalls.Refresh()
		s.calendar.Refresh()
		return
	}
	cab, ref := s.v.cab, s.v.ref
	objs := []fyne.CanvasObject{}
	for _, car := range cab.Garage {
		for _, r := range ref.Recalls[car.VIN] {
			objs = append(objs, recallCard(car, r))
		}
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(ui.T("cab.recalls.none")))
	}
	s.recalls.Objects = objs
	s.recalls.Refresh()

	events := showroom.Calendar(cab.Garage, ref.modelMap(), ref.Recalls, s.v.now())
	cal := []fyne.CanvasObject{}
	for _, e := range events {
		cal = append(cal, wrapped(calendarLine(e)))
	}
	if len(cal) == 0 {
		cal = append(cal, wrapped(ui.T("cab.calendar.none")))
	}
	s.calendar.Objects = cal
	s.calendar.Refresh()
}

// recallCard tells the campaign as the programme does: the date, the car,
// the notice number; what is wrong, what the dealer will do, free of
// charge, and the hotline.
func recallCard(car showroom.Vehicle, r showroom.Recall) *widget.Card {
	lines := []string{ui.T("cab.recall.head", longDate(r.Date), car.VIN, r.Campaign)}
	if r.Text != "" {
		lines = append(lines, ui.T("cab.recall.what", r.Text))
	}
	if r.Remedy != "" {
		lines = append(lines, ui.T("cab.recall.remedy", r.Remedy))
	}
	if r.Free {
		lines = append(lines, ui.T("cab.recall.free"))
	}
	lines = append(lines, ui.T("cab.recall.hotline"))
	return widget.NewCard("", "", container.NewVBox(subHeading(r.Title), wrapped(strings.Join(lines, "\n"))))
}

// eventText is one line of «Мой календарь».
func calendarLine(e showroom.Event) string {
	car := strings.TrimSpace("Renault " + e.Model)
	switch e.Kind {
	case showroom.EventMaintenance:
		m := e.Maintenance
		return ui.T("cab.event.maintenance", dmy(e.Date), m.Number, groupDigits(m.Mileage), car, e.VIN)
	case showroom.EventWarrantyEnd:
		return ui.T("cab.event.warranty", dmy(e.Date), car, e.VIN)
	case showroom.EventRecall:
		return ui.T("cab.event.recall", dmy(e.Date), e.Recall.Campaign, car, e.VIN)
	}
	return dmy(e.Date)
}

var ruMonths = []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
	"сентября", "октября", "ноября", "декабря"}

// longDate is "31 января 2012" (or "31 January 2012").
func longDate(t time.Time) string {
	if ui.Lang() == showroom.Russian {
		return fmt.Sprintf("%d %s %d", t.Day(), ruMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

// serviceSection is «Мой сервис»: the maintenance programme,
// «Комплекс-сервис», Renault Extra and Renault Assistance, each programme
// with whether each car of the garage may join and, if not, why.
type serviceSection struct {
	v   *cabinetView
	box *fyne.Container
}

func newServiceSection(v *cabinetView) *serviceSection {
	return &serviceSection{v: v, box: container.NewVBox()}
}

var programKinds = []showroom.ProgramKind{showroom.ProgramMaintenance, showroom.ProgramFixedPrice,
	showroom.ProgramExtended, showroom.ProgramAssistance}

func (s *serviceSection) show() {
	if w, ok := s.v.waiting(); ok {
		s.box.Objects = []fyne.CanvasObject{w}
		s.box.Refresh()
		return
	}
	cars := []showroom.Vehicle{}
	for _, c := range s.v.cab.Garage {
		if !c.Ordered() {
			cars = append(cars, c)
		}
	}
	now := s.v.now()
	objs := []fyne.CanvasObject{}
	for _, k := range programKinds {
		kind := ui.T("cab.program." + string(k))
		objs = append(objs, subHeading(kind))
		n := 0
		for _, p := range s.v.ref.Programs {
			if p.Kind != k {
				continue
			}
			n++
			objs = append(objs, programCard(p, kind, cars, now))
		}
		if n == 0 {
			objs = append(objs, widget.NewLabel(ui.T("cab.program.none")))
		}
	}
	s.box.Objects = objs
	s.box.Refresh()
}

// programCard is a programme with each car's eligibility: ✓, or ✗ and why
// not. The programme's title shows when it says more than its kind.
func programCard(p showroom.ServiceProgram, kind string, cars []showroom.Vehicle, now time.Time) *widget.Card {
	lines := []string{}
	if p.Description != "" {
		lines = append(lines, p.Description)
	}
	if p.Years > 0 {
		lines = append(lines, ui.T("cab.program.years", p.Years))
	}
	if len(cars) == 0 {
		lines = append(lines, ui.T("cab.program.nocars"))
	}
	for _, car := range cars {
		verdict := "✓ " + ui.T("cab.program.eligible")
		if err := showroom.ProgramEligible(p, car, now); err != nil {
			verdict = "✗ " + ui.ErrorText(err)
		}
		lines = append(lines, ui.T("cab.program.car", carName(car), car.VIN, verdict))
	}
	objs := []fyne.CanvasObject{}
	if t := strings.Trim(p.Title, "«»"); t != strings.Trim(kind, "«»") && !strings.HasSuffix(kind, t) {
		objs = append(objs, subHeading(p.Title))
	}
	objs = append(objs, wrapped(strings.Join(lines, "\n")))
	return widget.NewCard("", "", container.NewVBox(objs...))
}
