package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/myrenault/showroom/ui"
)

// TestCabinetShots draws every section of the showcase customer's card,
// then the forms staff use most, with the programme's theme, and checks
// that each picture differs from the one before (a section that did not
// show would repeat it). With CAB_SHOTS set to a folder the pictures are
// kept there; the README's pictures of the cabinet come from the real
// window instead (make desk-screenshots).
func TestCabinetShots(t *testing.T) {
	a := openDemo(t)
	arrival := arrivalCustomer(t, a)
	d, _ := cabinetDeskOn(t, a, "")
	fyne.CurrentApp().Settings().SetTheme(&ui.Theme{Scale: 1})
	d.w.Resize(fyne.NewSize(1400, 900))
	keep := os.Getenv("CAB_SHOTS")
	var prev []byte
	shot := func(name string) {
		t.Helper()
		img := d.w.Canvas().Capture()
		pix := img.(*image.NRGBA).Pix
		if bytes.Equal(pix, prev) {
			t.Errorf("%s looks like the picture before it", name)
		}
		prev = pix
		if keep == "" {
			return // encoding the pictures is most of the test's time
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(keep, "staff-"+name+".png"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, name := range []string{"home", "profile", "garage", "preferences", "notifications", "service", "offers", "messages"} {
		d.selectTab(i)
		shot(fmt.Sprintf("%02d-%s", i+1, name))
	}
	// Мои контакты changed, a bad postcode refused beside its field.
	d.selectTab(tabProfile)
	test.Tap(d.buttons("> Изменить", 3)[1])
	postcode, _ := d.field("Почтовый индекс")
	d.scrollTo(postcode)
	enter(d.typeInto("Почтовый индекс", "62001"))
	d.await("the refusal", func() bool { return d.fieldError("Почтовый индекс") != "" })
	shot("09-profile-change")
	// Adding a car: the programme's warning.
	d.selectTab(tabGarage)
	test.Tap(d.button("> Добавить автомобиль"))
	d.typeInto("VIN *", "VF1LZBR0542606590")
	shot("10-garage-add")
	// A saved dealer found in the directory; the future car.
	d.selectTab(tabPreferences)
	test.Tap(d.button("> Добавить дилера"))
	test.Type(find(d.t, d.w.Content(), func(e *widget.Entry) bool {
		return e.PlaceHolder == "Название, город или код дилера"
	}), "пермь")
	shot("11-preferences-add")
	// An order that arrived: the timeline staff see at once.
	d.s.OpenCustomer(arrival)
	d.await("the arrival's cabinet", func() bool { return d.shows("Отзывных кампаний") })
	d.selectTab(tabGarage)
	d.scrollTo(d.labelWith("Отслеживание заказа"))
	shot("12-order-tracking")
}

// arrivalCustomer returns the ref of a demo customer whose car arrived at
// the dealer and was not announced yet.
func arrivalCustomer(t *testing.T, a *App) string {
	t.Helper()
	ctx := context.Background()
	arrivals, err := a.DB.Arrivals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ar := range arrivals {
		if ar.CustomerID == "" {
			continue
		}
		if c, err := a.DB.CustomerByID(ctx, ar.CustomerID); err == nil {
			return c.Ref
		}
	}
	t.Fatal("the demo has no arrival of a known customer")
	return ""
}

// scrollTo scrolls the section in view so that o is near its top.
func (d *deskUI) scrollTo(o fyne.CanvasObject) {
	d.t.Helper()
	sc := d.tabs().Selected().Content.(*container.Scroll)
	drv := fyne.CurrentApp().Driver()
	y := drv.AbsolutePositionForObject(o).Y - drv.AbsolutePositionForObject(sc).Y + sc.Offset.Y
	sc.Offset = fyne.NewPos(0, max(0, y-60))
	sc.Refresh()
}

// labelWith returns the visible label whose text contains text.
func (d *deskUI) labelWith(text string) *widget.Label {
	return find(d.t, d.w.Content(), func(l *widget.Label) bool { return strings.Contains(l.Text, text) })
}
