package portal

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/smtp"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Mail is one e-mail, ready to send.
type Mail struct {
	From    string
	To      string
	Subject string
	// Text is the plain-text body: Russian first, then the English part.
	Text string
}

// Mailer sends e-mails.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

// Sender is the From address of the portal's e-mails.
const Sender = "My Renault <no-reply@myrenault.ru>"

// confirmationMail is the e-mail with the confirmation link of a
// registration, in Russian with an English part.
func confirmationMail(c Confirmation, publicURL string) Mail {
	link := publicURL + "/confirm/" + c.Token
	return Mail{
		From:    Sender,
		To:      c.Email,
		Subject: "My Renault: подтвердите регистрацию / confirm your registration",
		Text: fmt.Sprintf(`Здравствуйте, %s %s!

Добро пожаловать в My Renault. Чтобы подтвердить регистрацию и открыть
личный кабинет, перейдите по ссылке:

%s

Ваш номер клиента: %s

-- English --

Hello %s %s,

Welcome to My Renault. To confirm your registration and open your
personal cabinet, follow this link:

%s

Your customer ID: %s
`, c.FirstName, c.LastName, link, c.CustomerID, c.FirstName, c.LastName, link, c.CustomerID),
	}
}

// message renders m as an RFC 5322 message with a UTF-8 body in base64,
// lines of 76 characters. It is made in a buffer of its final size: the
// portal makes one for every registration, and growing a buffer line by
// line made a tenth of the garbage of a push, whose collection the pushes
// wait on.
func (m Mail) message(now time.Time) []byte {
	var id [12]byte
	rand.Read(id[:])
	subject := mime.BEncoding.Encode("utf-8", m.Subject)
	body := strings.ReplaceAll(m.Text, "\n", "\r\n")
	enc := base64.StdEncoding
	n := enc.EncodedLen(len(body))
	b := make([]byte, 0, len(m.From)+len(m.To)+len(subject)+300+n+(n/76+1)*2)
	b = append(b, "From: "...)
	b = append(b, m.From...)
	b = append(b, "\r\nTo: "...)
	b = append(b, m.To...)
	b = append(b, "\r\nSubject: "...)
	b = append(b, subject...)
	b = append(b, "\r\nDate: "...)
	b = now.AppendFormat(b, time.RFC1123Z)
	b = append(b, "\r\nMessage-ID: <"...)
	b = hex.AppendEncode(b, id[:])
	b = append(b, "@myrenault.ru>\r\n"...)
	b = append(b, "MIME-Version: 1.0\r\n"...)
	b = append(b, "Content-Type: text/plain; charset=utf-8\r\n"...)
	b = append(b, "Content-Language: ru, en\r\n"...)
	b = append(b, "Content-Transfer-Encoding: base64\r\n\r\n"...)
	encoded := enc.AppendEncode(make([]byte, 0, n), []byte(body))
	for len(encoded) > 76 {
		b = append(b, encoded[:76]...)
		b = append(b, "\r\n"...)
		encoded = encoded[76:]
	}
	b = append(b, encoded...)
	b = append(b, "\r\n"...)
	return b
}

// DirMailer writes each e-mail as an .eml file into a folder: the
// embedded default, and what tests read.
type DirMailer struct {
	Dir string
}

// Send implements Mailer. The file appears whole or not at all.
func (d DirMailer) Send(_ context.Context, m Mail) error {
	if err := os.MkdirAll(d.Dir, 0o750); err != nil {
		return err
	}
	now := time.Now().UTC()
	name := fmt.Sprintf("%s-%s.eml", now.Format("20060102T150405.000000000"), newID()[:8])
	tmp := filepath.Join(d.Dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, m.message(now), 0o640); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(d.Dir, name))
}

// SMTPMailer sends through an SMTP relay at Addr (host:port), without
// authentication: the relay is expected to trust the portal's network.
type SMTPMailer struct {
	Addr string
}

// Send implements Mailer.
func (s SMTPMailer) Send(_ context.Context, m Mail) error {
	from := m.From
	if i := strings.LastIndex(from, "<"); i >= 0 {
		from = strings.TrimSuffix(from[i+1:], ">")
	}
	err := smtp.SendMail(s.Addr, nil, from, []string{m.To}, m.message(time.Now().UTC()))
	// A relay's refusal may quote the address; the error, which is logged,
	// keeps only the reply code.
	var te *textproto.Error
	if errors.As(err, &te) {
		return fmt.Errorf("the SMTP relay answered %d", te.Code)
	}
	return err
}
