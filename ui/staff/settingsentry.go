package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/myrenault/showroom/ui"
)

// SetSettings gives the window the device's settings, opened from the
// status bar by administrators, and by anyone on a device that has no
// sign-in yet (one neither enrolled nor given staff), where the enrolment
// starts. Once the device is enrolled from there, signIn stands before the
// desk, the administrator who enrolled it signed in. Call it after SetSync
// and SetSignIn and before Start and Content.
func (w *Window) SetSettings(s Settings, signIn SignIn) {
	if s == nil {
		return
	}
	w.settings = newSettingsView(w, s)
	w.settings.onEnrolled = func(admin Member) { w.enrolled(signIn, admin) }
	w.settingsBtn = &widget.Button{Text: ui.T("settings.open"), Icon: theme.ComputerIcon(), OnTapped: func() {
		w.touch()
		w.ShowSettings()
	}}
	w.bar.root.Add(layout.NewSpacer())
	w.bar.root.Add(w.settingsBtn)
	w.applyRole()
}

// ShowSettings opens the settings in the detail pane and reads them.
func (w *Window) ShowSettings() {
	if w.settings == nil || (w.signin != nil && !maySettle(w.member.Role)) {
		return
	}
	w.setDetail(w.settings.root)
	w.settings.load()
}

// enrolled puts the sign-in before the desk of a device enrolled a moment
// ago from the settings, with the administrator who enrolled it signed in:
// from now on nobody sees a customer without a PIN.
func (w *Window) enrolled(signIn SignIn, admin Member) {
	if w.signin == nil && signIn != nil {
		desk := w.root
		w.SetSignIn(signIn)
		if w.frame != nil {
			c := w.frame.(*fyne.Container)
			for i, o := range c.Objects {
				if o == desk {
					c.Objects[i] = w.root
				}
			}
			c.Refresh()
		}
		w.Async(w.loadMembers)
	}
	if w.signin != nil && admin.ID != "" {
		w.enterDesk(admin)
		w.setDetail(w.settings.root)
	}
}
