package portal

import (
	"bufio"
	"context"
	"net"
	"strings"
	stdsync "sync"
	"testing"
)

// smtpRelay is a small SMTP server on loopback that speaks enough of RFC
// 5321 for net/smtp: it keeps each message, or refuses every recipient
// with a reply quoting the address, as a real relay may.
type smtpRelay struct {
	ln     net.Listener
	refuse bool
	mu     stdsync.Mutex
	got    []string
}

func startRelay(t *testing.T, refuse bool) *smtpRelay {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &smtpRelay{ln: ln, refuse: refuse}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go r.serve(c)
		}
	}()
	return r
}

func (r *smtpRelay) serve(c net.Conn) {
	defer c.Close()
	in := bufio.NewReader(c)
	say := func(s string) { c.Write([]byte(s + "\r\n")) }
	say("220 relay.test ESMTP")
	for {
		line, err := in.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 relay.test")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			say("250 OK")
		case strings.HasPrefix(cmd, "RCPT TO"):
			if r.refuse {
				say("550 5.1.1 " + strings.TrimSpace(line[len("RCPT TO:"):]) + ": mailbox unavailable")
				continue
			}
			say("250 OK")
		case cmd == "DATA":
			say("354 go ahead")
			var msg strings.Builder
			for {
				l, err := in.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				msg.WriteString(l)
			}
			r.mu.Lock()
			r.got = append(r.got, msg.String())
			r.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 OK")
		}
	}
}

func (r *smtpRelay) messages() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got...)
}

func TestSMTPMailerDeliversTheConfirmation(t *testing.T) {
	relay := startRelay(t, false)
	m := confirmationMail(Confirmation{CustomerID: "300000001", Email: "polina@example.ru", FirstName: "Полина",
		LastName: "Игнатьева", Token: "tok123"}, "https://my.renault.test")
	if err := (SMTPMailer{Addr: relay.ln.Addr().String()}).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := relay.messages()
	if len(got) != 1 || !strings.Contains(got[0], "To: polina@example.ru") {
		t.Fatalf("relay got %q", got)
	}
	if !strings.Contains(emlText(t, []byte(got[0])), "https://my.renault.test/confirm/tok123") {
		t.Fatalf("no confirmation link in %q", got[0])
	}
}

func TestSMTPRefusalKeepsTheAddressOutOfTheError(t *testing.T) {
	relay := startRelay(t, true)
	m := confirmationMail(Confirmation{CustomerID: "300000001", Email: "polina@example.ru", Token: "tok"}, "https://x.test")
	err := (SMTPMailer{Addr: relay.ln.Addr().String()}).Send(context.Background(), m)
	if err == nil || strings.Contains(err.Error(), "polina") || !strings.Contains(err.Error(), "550") {
		t.Fatalf("error %v", err)
	}
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := closed.Addr().String()
	closed.Close()
	if err := (SMTPMailer{Addr: addr}).Send(context.Background(), m); err == nil {
		t.Fatalf("no relay: %v", err)
	}
}
