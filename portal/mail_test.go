package portal

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

// An e-mail's body is base64 in lines of at most 76 characters ending in
// CRLF (RFC 2045), the text's line ends CRLF too, whatever the length.
func TestMessageBodyLines(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	// 57 bytes are exactly one line of 76 characters.
	for _, text := range []string{"", "a", strings.Repeat("x", 57), strings.Repeat("x", 58),
		strings.Repeat("x", 114), strings.Repeat("Здравствуйте, Полина!\nHello\n", 30)} {
		m := Mail{From: "My Renault <noreply@myrenault.ru>", To: "polina@example.ru", Subject: "Подтвердите адрес", Text: text}
		raw := m.message(now)
		head, body, ok := bytes.Cut(raw, []byte("\r\n\r\n"))
		if !ok || !bytes.HasPrefix(head, []byte("From: My Renault <noreply@myrenault.ru>\r\nTo: polina@example.ru\r\nSubject: =?utf-8?b?")) ||
			!bytes.Contains(head, []byte("\r\nDate: Thu, 03 Dec 2026 09:00:00 +0000\r\n")) ||
			!bytes.HasSuffix(head, []byte("\r\nContent-Transfer-Encoding: base64")) {
			t.Fatalf("%d bytes of text: head %q", len(text), head)
		}
		if !bytes.HasSuffix(body, []byte("\r\n")) {
			t.Fatalf("%d bytes of text: body does not end in CRLF: %q", len(text), body)
		}
		lines := strings.Split(strings.TrimSuffix(string(body), "\r\n"), "\r\n")
		if want := max(1, (base64.StdEncoding.EncodedLen(len(strings.ReplaceAll(text, "\n", "\r\n")))+75)/76); len(lines) != want {
			t.Errorf("%d bytes of text: %d lines, want %d", len(text), len(lines), want)
		}
		var enc strings.Builder
		for i, l := range lines {
			if len(l) > 76 || (i < len(lines)-1 && len(l) != 76) {
				t.Errorf("%d bytes of text: line %d has %d characters", len(text), i, len(l))
			}
			enc.WriteString(l)
		}
		got, err := base64.StdEncoding.DecodeString(enc.String())
		if err != nil || string(got) != strings.ReplaceAll(text, "\n", "\r\n") {
			t.Errorf("%d bytes of text: decoded %q, %v", len(text), got, err)
		}
	}
}
