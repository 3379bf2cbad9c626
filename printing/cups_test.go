package printing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/printing/cupstest"
)

func writePDF(t *testing.T) (string, []byte) {
	t.Helper()
	c, _ := sampleCoupon(t)
	pdf, err := CouponPDF(c, showroom.Russian)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "coupon.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, pdf
}

// TestPrintThroughCUPS prints both documents on a queue of a real cupsd:
// the printer receives each PDF byte for byte, and the PDF stays on disk.
func TestPrintThroughCUPS(t *testing.T) {
	c := cupstest.Start(t)
	out := c.Out("printed.pdf")
	c.AddQueue(t, "desk", out)
	coupon, couponPDF := writePDF(t)
	welcomePDF, err := WelcomePackPDF(samplePack(), showroom.Russian)
	if err != nil {
		t.Fatal(err)
	}
	welcome := filepath.Join(t.TempDir(), "welcome-pack.pdf")
	if err := os.WriteFile(welcome, welcomePDF, 0o600); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := Spooler{Raw: true, Timeout: 10 * time.Second}
	for _, doc := range []struct {
		title, path string
		pdf         []byte
	}{
		{"My Renault coupon", coupon, couponPDF},
		{"My Renault Welcome Pack", welcome, welcomePDF},
	} {
		os.Remove(out)
		job, err := s.Submit(ctx, "desk", doc.title, doc.path)
		if err != nil {
			t.Fatal(err)
		}
		if job.Queue != "desk" || job.N <= 0 || job.ID != fmt.Sprintf("desk-%d", job.N) {
			t.Fatalf("job %+v", job)
		}
		if err := s.Wait(ctx, job); err != nil {
			t.Fatal(err)
		}
		printed, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(printed, doc.pdf) {
			t.Fatalf("%s: printed %d bytes, not the PDF's %d", doc.title, len(printed), len(doc.pdf))
		}
		if kept, err := os.ReadFile(doc.path); err != nil || !bytes.Equal(kept, doc.pdf) {
			t.Fatalf("%s: the PDF was not kept: %v", doc.title, err)
		}
	}
}

func TestQueues(t *testing.T) {
	c := cupstest.Start(t)
	ctx := context.Background()
	s := Spooler{Timeout: 10 * time.Second}
	if qs, err := s.Queues(ctx); err != nil || len(qs) != 0 {
		t.Fatalf("a CUPS without queues: %q, %v", qs, err)
	}
	c.AddQueue(t, "service-desk", c.Out("a.pdf"))
	c.AddQueue(t, "reception", c.Out("b.pdf"))
	qs, err := s.Queues(ctx)
	if err != nil || strings.Join(qs, ",") != "reception,service-desk" {
		t.Fatalf("Queues = %q, %v", qs, err)
	}
	down := Spooler{Server: filepath.Join(c.Dir, "nobody-listens.sock"), Timeout: 5 * time.Second}
	if _, err := down.Queues(ctx); showroom.ErrorCode(err) != showroom.EPrintUnavailable {
		t.Fatalf("CUPS not running: %v", err)
	}
}

func TestPrintFailuresSayWhatToDo(t *testing.T) {
	c := cupstest.Start(t)
	c.AddQueue(t, "broken", filepath.Join(c.Dir, "no-such-folder", "x.pdf"))
	path, _ := writePDF(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := Spooler{Raw: true, Timeout: 10 * time.Second}

	check := func(what string, err error, code showroom.Code, ru string) {
		t.Helper()
		var e *showroom.Error
		if !errors.As(err, &e) || e.Code != code {
			t.Errorf("%s: err = %v, want code %s", what, err, code)
			return
		}
		if got := e.Text(showroom.Russian); got != ru {
			t.Errorf("%s: text %q, want %q", what, got, ru)
		}
	}

	_, err := s.Submit(ctx, "nosuch", "t", path)
	check("unknown queue", err, showroom.EPrinterNotFound,
		"Принтера \"nosuch\" нет. Выберите другой принтер в настройках; PDF сохранён.")

	_, err = s.Submit(ctx, "", "t", path)
	check("no queue", err, showroom.EPrinterNotFound, "Принтер не выбран. Выберите его в настройках; PDF сохранён.")

	job, err := s.Submit(ctx, "broken", "t", path)
	if err != nil {
		t.Fatal(err)
	}
	check("failing printer", s.Wait(ctx, job), showroom.EPrintFailed,
		"Принтер \"broken\" не напечатал документ. Проверьте принтер (бумагу, питание, кабель) и повторите; PDF сохранён.")

	down := Spooler{Raw: true, Server: filepath.Join(c.Dir, "nobody-listens.sock"), Timeout: 5 * time.Second}
	_, err = down.Submit(ctx, "desk", "t", path)
	check("CUPS not running", err, showroom.EPrintUnavailable,
		"Служба печати не запущена. Включите сервер печати или обратитесь к администратору; PDF сохранён.")
	_, err = down.JobState(ctx, job)
	check("CUPS not running (job state)", err, showroom.EPrintUnavailable,
		"Служба печати не запущена. Включите сервер печати или обратитесь к администратору; PDF сохранён.")

	if _, err := os.Stat(path); err != nil {
		t.Errorf("the PDF was not kept: %v", err)
	}
}
