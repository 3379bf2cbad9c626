package staff

import (
	"strings"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// Главная: the greeting, how complete the profile is, what is missing, and
// a short account of the other sections.

func (v *cabinetView) showHome() {
	c := v.cab.Customer
	pct := showroom.Completeness(c)
	v.greeting.SetText(ui.T("home.greeting", strings.ToUpper(c.FullName())))
	v.complLabel.SetText(ui.T("home.completeness", pct))
	v.completeness.SetValue(float64(pct) / 100)
	info := []string{ui.T("home.state", stateText(c.State))}
	if c.ID != "" {
		info = append(info, ui.T("home.customerid", c.ID))
	} else {
		info = append(info, ui.T("home.noid"))
	}
	if !c.CreatedAt.IsZero() {
		info = append(info, ui.T("home.registered", c.CreatedAt.Local().Format("02.01.2006")))
	}
	v.homeInfo.SetText(strings.Join(info, "\n"))
	if missing := showroom.MissingFields(c); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, f := range missing {
			names[i] = f.Label(ui.Lang())
		}
		v.missing.SetText(ui.T("home.missing") + " " + strings.Join(names, ", "))
	} else {
		v.missing.SetText(ui.T("home.complete"))
	}
	v.summary.SetText(strings.Join(v.summaryLines(), "\n"))
}

// summaryLines are Главная's short account of the other sections.
func (v *cabinetView) summaryLines() []string {
	cab := v.cab
	verified := 0
	for _, car := range cab.Garage {
		if car.Verified {
			verified++
		}
	}
	unread := 0
	for _, m := range cab.Messages {
		if !m.Deleted && !m.Read {
			unread++
		}
	}
	lines := []string{
		ui.T("cab.home.garage", len(cab.Garage), showroom.MaxGarage, verified),
		ui.T("cab.home.unread", unread),
	}
	for _, o := range cab.Orders {
		lines = append(lines, ui.T("cab.home.order", o.Number, o.StaffStatus().Text(ui.Lang())))
	}
	if v.refState == refLoaded {
		recalls := 0
		for _, car := range cab.Garage {
			recalls += len(v.ref.Recalls[car.VIN])
		}
		lines = append(lines, ui.T("cab.home.recalls", recalls))
		if ev := showroom.Calendar(cab.Garage, v.ref.modelMap(), v.ref.Recalls, v.now()); len(ev) > 0 {
			lines = append(lines, ui.T("cab.home.next", calendarLine(ev[0])))
		}
	}
	return lines
}
