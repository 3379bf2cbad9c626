package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// The cabinet's sections that only show, read on the real demo store for
// the showcase customer: her Fluence of 2011, hit by recall 0BCF.

// showcaseCar is the showcase customer's Fluence as the store has it.
func showcaseCar(t *testing.T, d *deskUI, ref string) showroom.Vehicle {
	t.Helper()
	g, err := d.a.DB.Garage(context.Background(), ref)
	if err != nil || len(g) != 1 || g[0].VIN != showcaseVIN {
		t.Fatalf("the showcase garage: %+v %v", g, err)
	}
	return g[0]
}

// «Подробнее» opens the car's detail card under the lines always shown:
// the model and version the factory gave the VIN, the mileage, the body,
// the build date and the equipment; a second tap closes it.
func TestCabinetCarDetailCard(t *testing.T) {
	d, ref := cabinetDesk(t, "")
	car := showcaseCar(t, d, ref)
	if car.Model != "Fluence" || car.Version == "" || len(car.Equipment) < 2 || car.Mileage == 0 {
		t.Fatalf("the showcase car lacks what the card shows: %+v", car)
	}
	d.selectTab(tabGarage)
	name := "Renault Fluence " + car.Version
	mileage := "Пробег: " + groupedKm(car.Mileage) + " км"
	for _, want := range []string{name, "VIN: " + showcaseVIN, mileage} {
		if !d.shows(want) {
			t.Errorf("the garage lacks %q: %q", want, d.texts())
		}
	}
	equipment := "• " + car.Equipment[1]
	if d.shows("Комплектация и дополнительное оборудование:") || d.shows(equipment) {
		t.Fatal("the detail card is open before «Подробнее»")
	}
	test.Tap(d.button("Подробнее"))
	for _, want := range []string{"Комплектация и дополнительное оборудование:", "• " + car.Equipment[0], equipment,
		"• " + car.Equipment[len(car.Equipment)-1], "Кузов: " + car.Body, "Дата выпуска: 14.06.2011", name, mileage} {
		if !d.shows(want) {
			t.Errorf("the detail card lacks %q", want)
		}
	}
	test.Tap(d.button("Подробнее"))
	if d.shows(equipment) || !d.shows(mileage) {
		t.Error("a second «Подробнее» does not close the detail card")
	}
}

// groupedKm writes a mileage as the cabinet does: 185 960.
func groupedKm(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}

// Мои уведомления shows recall 0BCF as the programme tells it (the date,
// the VIN, the notice number, what is wrong, what the dealer does, free of
// charge); Мой календарь the next maintenance from the Fluence's interval,
// age and mileage, and the recall visit; Мой сервис each programme with
// whether the car may join.
func TestCabinetNoticesCalendarAndServiceOfTheShowcase(t *testing.T) {
	d, ref := cabinetDesk(t, "")
	ctx := context.Background()
	car := showcaseCar(t, d, ref)
	recalls, err := d.a.DB.RecallsForVIN(ctx, showcaseVIN)
	if err != nil || len(recalls) != 1 || recalls[0].Campaign != "0BCF" {
		t.Fatalf("recalls %+v %v", recalls, err)
	}
	r := recalls[0]

	d.selectTab(tabNotifications)
	for _, want := range []string{
		"31 января 2012: Ваш автомобиль VIN VF1LZBR0542606589 требует проведения особых технических операций, уведомление № 0BCF.",
		r.Title,
		"Причина: " + r.Text,
		"Что сделает дилер: " + r.Remedy,
		"Бесплатно, у официального дилера Renault.",
		"Горячая линия: 8-800-200-80-80",
	} {
		if !d.shows(want) {
			t.Errorf("Мои уведомления lack %q", want)
		}
	}
	models, err := d.a.DB.Models(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var fluence showroom.ModelInfo
	for _, m := range models {
		if m.Name == "Fluence" {
			fluence = m
		}
	}
	due, ok := showroom.NextMaintenance(car, fluence, time.Now())
	if !ok {
		t.Fatalf("no maintenance for the Fluence: %+v", fluence)
	}
	for _, want := range []string{
		fmt.Sprintf("%s — ТО-%d (%s км): Renault Fluence, VIN %s", due.Date.Local().Format("02.01.2006"), due.Number,
			groupedKm(due.Mileage), showcaseVIN),
		"— визит по отзывной кампании № 0BCF: Renault Fluence, VIN " + showcaseVIN,
	} {
		if !d.shows(want) {
			t.Errorf("Мой календарь lacks %q", want)
		}
	}

	d.selectTab(tabService)
	programs, err := d.a.DB.ServicePrograms(ctx)
	if err != nil || len(programs) == 0 {
		t.Fatalf("programmes %d %v", len(programs), err)
	}
	for _, head := range []string{"Программа обслуживания", "«Комплекс-сервис»", "Продлённая гарантия Renault Extra", "Renault Assistance"} {
		if !d.shows(head) {
			t.Errorf("Мой сервис lacks %q", head)
		}
	}
	prefix := "Renault Fluence " + car.Version + " (VIN " + showcaseVIN + "): "
	var yes, no int
	for _, p := range programs {
		verdict := "✓ доступна"
		if err := showroom.ProgramEligible(p, car, time.Now()); err != nil {
			verdict = "✗ " + ui.ErrorText(err)
			no++
		} else {
			yes++
		}
		if !d.shows(prefix + verdict) {
			t.Errorf("Мой сервис does not say %q for %s", verdict, p.Title)
		}
	}
	// A car of 2011 may join some programmes and not the extended warranty.
	if yes == 0 || no == 0 {
		t.Errorf("eligibility: %d programmes open, %d closed", yes, no)
	}
}
