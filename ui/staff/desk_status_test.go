package staff

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// TestStatusBarNamesWhyTheLastRoundFailed: while no round has succeeded
// since the last failure, the bar says in a few words, in the staff's
// language, why the sync failed; after a success it says online again.
func TestStatusBarNamesWhyTheLastRoundFailed(t *testing.T) {
	r := newDesk(t, false, Member{})
	b := r.w.bar
	failed := func(p SyncProblem, code string, online bool) SyncState {
		return SyncState{Enrolled: true, Known: true, Online: online, Outbox: 3,
			LastSync: deskNow.Add(-time.Hour), LastError: p, LastErrorCode: code, LastErrorAt: deskNow.Add(-time.Minute)}
	}
	for _, tc := range []struct {
		st     SyncState
		ru, en string
		imp    widget.Importance
	}{
		{failed(SyncNoConnection, "offline", false), "○ Портал недоступен: нет соединения", "○ Portal unreachable: no connection", widget.WarningImportance},
		{failed(SyncTimeout, "offline", false), "○ Портал недоступен: не ответил вовремя", "○ Portal unreachable: no answer in time", widget.WarningImportance},
		{failed(SyncPortalFault, "offline", false), "○ Портал недоступен: сбой на стороне портала", "○ Portal unreachable: fault on the portal", widget.WarningImportance},
		{failed(SyncBusy, "offline", false), "○ Портал перегружен — повторим позже", "○ Portal busy — will try again later", widget.WarningImportance},
		{failed(SyncBadAnswer, "offline", false), "○ Портал прислал ответ, который не удалось прочитать", "○ The portal sent an answer that could not be read", widget.WarningImportance},
		{failed(SyncUnreachable, "offline", false), "○ Портал недоступен", "○ Portal unreachable", widget.WarningImportance},
		{failed(SyncTokenRefused, "unauthorized", true), "○ Портал отклонил токен устройства — зарегистрируйте устройство заново",
			"○ The portal refused the device token — enrol the device again", widget.DangerImportance},
		{failed(SyncFailed, "bad_cursor", true), "○ Синхронизация не удалась (код bad_cursor)", "○ Sync failed (code bad_cursor)", widget.WarningImportance},
	} {
		for _, lang := range []showroom.Lang{showroom.Russian, showroom.English} {
			ui.SetLang(lang)
			r.sync.st = tc.st
			r.w.pollSync()
			want := tc.ru
			if lang == showroom.English {
				want = tc.en
			}
			if b.online.Text != want || b.online.Importance != tc.imp {
				t.Errorf("%s, problem %d: %q (importance %v), want %q (%v)", lang, tc.st.LastError, b.online.Text,
					b.online.Importance, want, tc.imp)
			}
		}
	}
	ui.SetLang(showroom.Russian)
	r.sync.st = failed(SyncTokenRefused, "unauthorized", true)
	r.w.pollSync()
	if b.outbox.Text != "Ждут отправки: 3" || b.lastSync.Text != "Синхронизация: 13:30" {
		t.Fatalf("the rest of the bar: %q %q", b.outbox.Text, b.lastSync.Text)
	}
	test.AssertObjectRendersToMarkup(t, "desk_status_token_ru.xml", b.root)

	// A failure before any success is named as well.
	st := failed(SyncNoConnection, "offline", false)
	st.LastSync = time.Time{}
	r.sync.st = st
	r.w.pollSync()
	if b.online.Text != "○ Портал недоступен: нет соединения" || b.lastSync.Text != "Синхронизации ещё не было" {
		t.Fatalf("never synced: %q %q", b.online.Text, b.lastSync.Text)
	}
	// A round succeeded since: the failure is history.
	st = failed(SyncNoConnection, "offline", true)
	st.LastSync = deskNow
	r.sync.st = st
	r.w.pollSync()
	if b.online.Text != "● Портал на связи" || b.online.Importance != widget.SuccessImportance {
		t.Fatalf("after a success: %q", b.online.Text)
	}
}
