package portal

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets"
	"github.com/myrenault/showroom/portal/api"
)

// Welcome Pack accounts are made from sales and have a customer ID before
// the customer has said anything: activating one gives it an e-mail, a
// preferred channel and the consent, after which it is pending until the
// confirmation e-mail's link is opened — at a kiosk or desk (the
// welcome_pack.activate mutation) or on the portal's own page, reached by
// the QR code of a printed sheet (/activate/{code}).

// applyWelcomePackIssue records the one-time code of a printed sheet for a
// customer of the device's dealer.
func applyWelcomePackIssue(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var in api.WelcomePackIssue
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	if b, err := hex.DecodeString(in.CodeSHA256); err != nil || len(b) != 32 {
		return nil, showroom.Errorf(showroom.EInvalid, "code_sha256", "")
	}
	c, err := m.customer(api.CustomerKey{CustomerID: in.CustomerID})
	if err != nil {
		return nil, err
	}
	at := in.IssuedAt.UTC()
	if at.IsZero() {
		at = m.now
	}
	var n int
	if err := m.queryRow(`SELECT count(*) FROM activation_codes WHERE hash = ?`, strings.ToLower(in.CodeSHA256)).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, showroom.Errorf(showroom.EConflict, "code_sha256", "")
	}
	err = m.exec(`INSERT INTO activation_codes (hash, customer_id, issued_at) VALUES (?, ?, ?)`,
		strings.ToLower(in.CodeSHA256), c.ID, fmtTime(at))
	return &api.Entity{Type: api.ChangeCustomer, ID: c.ID, Ref: c.Ref}, err
}

// applyWelcomePackActivate activates a Welcome Pack account from a kiosk
// or desk of the customer's dealer, where the customer signed in with
// customer ID and VIN: the login is the dealer's as the rest of its
// customers are, and another dealer's device cannot set a customer's
// e-mail any more than it can sign them in.
func applyWelcomePackActivate(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var in api.WelcomePackActivate
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	c, err := m.customer(api.CustomerKey{CustomerID: in.CustomerID})
	if err != nil {
		return nil, err
	}
	if err := m.activate(&c, in.Email, in.Phone, in.PreferredChannel, in.Consent, m.dev.ID, in.StaffID); err != nil {
		return nil, err
	}
	return &api.Entity{Type: api.ChangeCustomer, ID: c.ID, Ref: c.Ref}, nil
}

// anyCustomer finds a customer by the portal's ID, whatever the dealer.
func (m *mtx) anyCustomer(id string) (showroom.Customer, error) {
	var c showroom.Customer
	var data string
	err := m.queryRow(`SELECT data FROM customers WHERE id = ?`, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return c, showroom.Errorf(api.CodeUnknownCustomer, "customer_id", "")
	}
	if err != nil {
		return c, err
	}
	return c, json.Unmarshal([]byte(data), &c)
}

// activate gives a Welcome Pack account its e-mail, channel and consent,
// makes it pending and queues the confirmation e-mail. An account already
// confirmed (active, with an e-mail and the personal-data consent) keeps
// its e-mail; one made from a sale may hold the e-mail the dealer had, but
// no consent, and is activated like one without. An e-mail another
// account has is email_taken.
func (m *mtx) activate(c *showroom.Customer, email, phone string, channel showroom.Channel, consent showroom.RegistrationConsent, device, staff string) error {
	if strings.TrimSpace(phone) == "" {
		phone = c.Contacts.MobilePhone
	}
	r := showroom.Registration{LastName: c.Personal.LastName, FirstName: c.Personal.FirstName, Email: email,
		Phone: phone, PreferredChannel: channel, Consent: consent, Source: showroom.SourceWelcomePack}
	if err := r.Normalize(); err != nil {
		return err
	}
	if c.State == showroom.StateActive && c.Personal.Email != "" {
		var consented int
		if err := m.queryRow(`SELECT count(*) FROM consents WHERE customer_id = ? AND purpose = ? AND withdrawn_at IS NULL`,
			c.ID, showroom.PurposePersonalData).Scan(&consented); err != nil {
			return err
		}
		if consented > 0 {
			return showroom.Errorf(showroom.EConflict, "customer_id", "")
		}
	}
	var n int
	if err := m.queryRow(`SELECT count(*) FROM customers WHERE email = ? AND id != ?`, emailKey(r.Email), c.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return showroom.Errorf(showroom.EEmailTaken, "email", "")
	}
	c.Personal.Email = r.Email
	if r.Phone != "" {
		c.Contacts.MobilePhone = r.Phone
	}
	c.Personal.PreferredChannel = r.PreferredChannel
	c.Personal.MarketingConsent = r.Consent.Marketing
	c.State, c.UpdatedAt = showroom.StatePending, m.now
	token := newToken()
	if err := m.saveCustomer(*c, hashSecret(token)); err != nil {
		return err
	}
	if err := m.exec(`UPDATE customers SET confirm_hash = ? WHERE id = ?`, hashSecret(token), c.ID); err != nil {
		return err
	}
	cr := r.ConsentRecord()
	if err := m.exec(`INSERT INTO consents (customer_id, text_version, text_sha256, purpose, marketing, given_at, device_id, staff_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, cr.TextVersion, cr.TextSHA256, cr.Purpose, cr.Marketing,
		fmtTime(cr.GivenAt), nullStr(device), nullStr(staff)); err != nil {
		return err
	}
	mail, err := json.Marshal(Confirmation{CustomerID: c.ID, Email: r.Email, FirstName: c.Personal.FirstName,
		LastName: c.Personal.LastName, Token: token})
	if err != nil {
		return err
	}
	return m.exec(`INSERT INTO mail_outbox (data, created_at) VALUES (?, ?)`, mail, fmtTime(m.now))
}

// ActivationForm is what the activation page asks.
type ActivationForm struct {
	Email     string
	Phone     string // the mobile phone, needed for SMS and calls
	Channel   showroom.Channel
	Consent   bool // the consent to the processing of personal data
	Marketing bool
}

// ActivationCustomer implements Store.
func (s *SQLite) ActivationCustomer(ctx context.Context, code string) (string, error) {
	var data string
	err := s.r.QueryRowContext(ctx, `SELECT c.data FROM activation_codes a JOIN customers c ON c.id = a.customer_id
		WHERE a.hash = ? AND a.used_at IS NULL AND a.issued_at > ?`, hashSecret(strings.TrimSpace(code)),
		fmtTime(s.now().Add(-activationValidity))).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", showroom.Errorf(showroom.ENotFound, "code", "")
	}
	if err != nil {
		return "", err
	}
	var c showroom.Customer
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		return "", err
	}
	return c.Personal.FirstName, nil
}

// Activate implements Store.
func (s *SQLite) Activate(ctx context.Context, code string, f ActivationForm) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		m := &mtx{ctx: ctx, tx: tx, now: s.now()}
		h := hashSecret(strings.TrimSpace(code))
		var id string
		err := tx.QueryRowContext(ctx, `SELECT customer_id FROM activation_codes WHERE hash = ? AND used_at IS NULL AND issued_at > ?`,
			h, fmtTime(m.now.Add(-activationValidity))).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return showroom.Errorf(showroom.ENotFound, "code", "")
		}
		if err != nil {
			return err
		}
		if !f.Consent {
			return showroom.Errorf(showroom.EInvalid, "consent", showroom.ReasonConsentMissing)
		}
		c, err := m.anyCustomer(id)
		if err != nil {
			return err
		}
		text := assets.Consent("ru")
		consent := showroom.RegistrationConsent{TextVersion: text.Version, TextSHA256: text.SHA256,
			Purpose: showroom.PurposePersonalData, Marketing: f.Marketing, GivenAt: m.now}
		if err := m.activate(&c, f.Email, f.Phone, f.Channel, consent, "", ""); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE activation_codes SET used_at = ? WHERE hash = ?`, fmtTime(m.now), h)
		return err
	})
}

var activationPage = template.Must(template.New("activate").Parse(`<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>My Renault</title>
<style>body{font-family:sans-serif;background:#2b2b2b;color:#f2f2f2;max-width:40em;margin:2em auto;padding:0 1em}
h1{color:#ffcc33}input,select,button{font-size:1.1em;padding:.4em;margin:.3em 0}button{background:#ffcc33;border:0;color:#2b2b2b;font-weight:bold}
.err{color:#ff8a80;font-weight:bold}pre{white-space:pre-wrap;background:#3c3c3c;padding:1em;max-height:18em;overflow:auto}
.en{color:#bbb}</style></head><body>
{{if .Done}}<h1>Проверьте почту</h1><p>Мы отправили письмо на {{.Email}}. Откройте ссылку в нём, чтобы завершить активацию кабинета My Renault.</p>
<p class="en" lang="en">We have sent an e-mail to {{.Email}}. Open its link to finish activating your My Renault cabinet.</p>
{{else if .Gone}}<h1>Ссылка недействительна</h1><p>Код активации неизвестен или уже использован. Войдите с логином (номер клиента) и паролем (VIN) из Welcome Pack.</p>
<p class="en" lang="en">This activation code is unknown or has been used. Sign in with the login (customer ID) and password (VIN) of your Welcome Pack.</p>
{{else}}<h1>Здравствуйте{{if .Name}}, {{.Name}}{{end}}!</h1>
<p>Активируйте кабинет My Renault: укажите e-mail, на который придёт ссылка для подтверждения.</p>
<p class="en" lang="en">Activate your My Renault cabinet: give the e-mail address the confirmation link will be sent to.</p>
{{if .Error}}<p class="err">{{.Error}}</p><p class="err en" lang="en">{{.ErrorEN}}</p>{{end}}
<form method="post">
<label>E-mail<br><input type="email" name="email" value="{{.Email}}" required size="32"></label><br>
<label>Предпочтительный способ связи / Preferred channel<br><select name="channel">
<option value="email">E-mail</option><option value="sms">SMS</option><option value="phone">Телефон / Phone</option></select></label><br>
<label>Мобильный телефон (для SMS и звонков) / Mobile phone (for SMS and calls)<br><input type="tel" name="phone" value="{{.Phone}}" size="20"></label>
<pre>{{.ConsentRU}}</pre>
<label><input type="checkbox" name="consent" value="yes"> Согласен на обработку персональных данных / I consent to the processing of my personal data</label><br>
<label><input type="checkbox" name="marketing" value="yes"> Согласен получать предложения и новости / I agree to receive offers and news</label><br>
<button type="submit">Активировать / Activate</button>
</form>{{end}}
</body></html>
`))

type activationView struct {
	Name, Email, Phone, Error, ErrorEN, ConsentRU string
	Done, Gone                                    bool
}

// activatePage serves GET and POST /activate/{code}.
func (s *Server) activatePage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	code := r.PathValue("code")
	name, err := s.store.ActivationCustomer(r.Context(), code)
	switch showroom.ErrorCode(err) {
	case "":
	case showroom.ENotFound:
		w.WriteHeader(http.StatusNotFound)
		activationPage.Execute(w, activationView{Gone: true})
		return
	default:
		s.log.Error("activation page", "err", err)
		http.Error(w, "Что-то пошло не так. Something went wrong.", http.StatusInternalServerError)
		return
	}
	v := activationView{Name: name, ConsentRU: assets.Consent("ru").Text}
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			v.Error, v.ErrorEN = "Форма не прочитана. Попробуйте ещё раз.", "The form could not be read. Please try again."
			activationPage.Execute(w, v)
			return
		}
		f := ActivationForm{Email: r.PostFormValue("email"), Phone: r.PostFormValue("phone"), Channel: showroom.Channel(r.PostFormValue("channel")),
			Consent: r.PostFormValue("consent") == "yes", Marketing: r.PostFormValue("marketing") == "yes"}
		v.Email, v.Phone = f.Email, f.Phone
		err := s.store.Activate(r.Context(), code, f)
		var e *showroom.Error
		switch {
		case err == nil:
			s.kickMail()
			v.Done = true
		case errors.As(err, &e):
			w.WriteHeader(http.StatusUnprocessableEntity)
			v.Error, v.ErrorEN = e.Text(showroom.Russian), e.Text(showroom.English)
		default:
			s.log.Error("activation failed", "err", err)
			http.Error(w, "Что-то пошло не так. Something went wrong.", http.StatusInternalServerError)
			return
		}
	}
	activationPage.Execute(w, v)
}

// activationValidity is how long a printed code stays usable: a sheet may
// lie in a drawer for a while, but not for ever.
const activationValidity = 365 * 24 * time.Hour
