package kiosk

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
)

// TestScreensRenderInRussian keeps a rendered-markup master of every
// screen, in Russian, at 1280×800 (testdata/*.xml; a mismatch is written
// to testdata/failed/).
func TestScreensRenderInRussian(t *testing.T) {
	r := newRig(t)
	k := r.k
	c := r.w.Canvas()
	test.AssertRendersToMarkup(t, "welcome.xml", c)

	test.Tap(k.welcome.register)
	test.Type(k.reg.last, "Игнатьева")
	test.Type(k.reg.first, "Полина")
	test.Type(k.reg.email, "polina@gmail.con")
	test.Type(k.reg.vin, "VF1LZBR05426O6589")
	test.AssertRendersToMarkup(t, "register.xml", c)

	test.Tap(k.reg.suggest)
	k.reg.vin.SetText("VF1LZBR0542606589")
	test.Tap(k.reg.next)
	test.AssertRendersToMarkup(t, "consent.xml", c)
	test.Tap(k.cons.agree)
	test.AssertRendersToMarkup(t, "prefs.xml", c)
	test.Tap(k.prefs.submit)
	r.q.run()
	test.AssertRendersToMarkup(t, "done.xml", c)

	r.advance(DefaultIdle)
	test.AssertRendersToMarkup(t, "idle.xml", c)
	test.Tap(k.warnContinue)
	test.Tap(k.done.finish)

	test.Tap(k.welcome.welcomePack)
	test.Type(k.wp.idField, "RU1000042")
	test.Type(k.wp.vinField, "VF1LZBR0542606589")
	test.AssertRendersToMarkup(t, "welcomepack.xml", c)
	test.Tap(k.wp.login)
	r.q.run()
	test.AssertRendersToMarkup(t, "activate.xml", c)
	test.Tap(k.wp.emailNext) // disabled: nothing happens
	k.home()

	r.be.order = showroom.Order{Number: "0061220040234", Status: showroom.OrderOnTheWay, History: []showroom.OrderEvent{
		{Status: showroom.OrderReceived, At: t0.Add(-60 * 24 * time.Hour)},
		{Status: showroom.OrderInProduction, At: t0.Add(-40 * 24 * time.Hour)},
		{Status: showroom.OrderOnTheWay, At: t0.Add(-10 * 24 * time.Hour)},
	}}
	test.Tap(k.welcome.whereIsCar)
	test.Type(k.ord.numField, "0061220040234")
	test.Type(k.ord.lastField, "Семёнов")
	test.Tap(k.ord.find)
	r.q.run()
	test.AssertRendersToMarkup(t, "order.xml", c)
	k.home()

	r.be.offline = true
	k.RequestExit()
	r.advance(time.Second)
	r.q.run()
	test.AssertRendersToMarkup(t, "pin-offline.xml", c)
}
