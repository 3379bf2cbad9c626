package staff

import (
	"testing"

	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// Once the VIN prompt is shown, the button says «without VIN» only while
// the VIN field is empty: a VIN typed after the prompt is registered by
// the plain button, in either language.
func TestRegisterButtonFollowsTheVINField(t *testing.T) {
	for _, tt := range []struct {
		lang            showroom.Lang
		submit, without string
	}{
		{showroom.Russian, "Зарегистрировать", "Зарегистрировать без VIN"},
		{showroom.English, "Register", "Register without VIN"},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			r := newDesk(t, true, anna)
			ui.SetLang(tt.lang)
			defer ui.SetLang(showroom.Russian)
			test.Tap(r.w.work.registerBtn)
			v := r.w.work.register
			test.Type(v.fields.last, "Сидоров")
			test.Type(v.fields.first, "Пётр")
			test.Type(v.fields.email, "petr@example.ru")
			test.Tap(v.submitBtn)
			if v.submitBtn.Text != tt.without || !v.vinPrompt.Visible() {
				t.Fatalf("after the prompt: %q, prompt shown %v", v.submitBtn.Text, v.vinPrompt.Visible())
			}
			test.Type(v.fields.vin, "vf1")
			if v.submitBtn.Text != tt.submit || v.vinPrompt.Visible() {
				t.Fatalf("with a VIN typed: %q, prompt shown %v", v.submitBtn.Text, v.vinPrompt.Visible())
			}
			v.fields.vin.SetText("")
			if v.submitBtn.Text != tt.without || !v.vinPrompt.Visible() {
				t.Fatalf("with the VIN emptied again: %q, prompt shown %v", v.submitBtn.Text, v.vinPrompt.Visible())
			}
			v.fields.vin.SetText("VF1LZBR0542606589")
			test.Tap(v.agree)
			test.Tap(v.submitBtn)
			if len(r.work.registered) != 1 || r.work.registered[0].VIN != "VF1LZBR0542606589" {
				t.Fatalf("registered %+v", r.work.registered)
			}
			// The next customer starts without the prompt.
			test.Tap(r.w.work.registerBtn)
			if v.submitBtn.Text != tt.submit || v.vinPrompt.Visible() {
				t.Fatalf("after the registration: %q, prompt shown %v", v.submitBtn.Text, v.vinPrompt.Visible())
			}
		})
	}
}
