package printing

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/myrenault/showroom/printing/cupstest"
)

// TestCUPSServerIsChosenAsLpChoosesIt checks the order CUPS's client
// library follows when it is not told the server: CUPS_SERVER, then the
// user's client.conf over the system's, then the local scheduler's socket,
// then localhost.
func TestCUPSServerIsChosenAsLpChoosesIt(t *testing.T) {
	// A short folder: socket paths are limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "cupsrv")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	file := func(name, text string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	sock := filepath.Join(dir, "cups.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })

	system := file("system.conf", "# the machine's\nServerName print.example.ru:632\n")
	user := file("user.conf", "Encryption Never\n  servername\t"+sock+"  \n")
	noName := file("no-name.conf", "# ServerName commented.example.ru\nEncryption IfRequested\n")
	twice := file("twice.conf", "ServerName first.example.ru\nServerName second.example.ru/version=1.1\n")
	notASocket := file("plain-file.sock", "")
	missing := filepath.Join(dir, "missing")

	for _, tt := range []struct {
		name    string
		env     map[string]string
		confs   []string
		sockets []string
		want    string
	}{
		{"CUPS_SERVER host and port", map[string]string{"CUPS_SERVER": "cups.example.ru:8631"}, []string{system}, []string{sock}, "cups.example.ru:8631"},
		{"CUPS_SERVER socket", map[string]string{"CUPS_SERVER": "/tmp/other/cups.sock"}, []string{system, user}, []string{sock}, "/tmp/other/cups.sock"},
		{"CUPS_SERVER with a version", map[string]string{"CUPS_SERVER": " printhost/version=1.1 "}, nil, nil, "printhost"},
		{"blank CUPS_SERVER is unset", map[string]string{"CUPS_SERVER": "  "}, []string{system}, nil, "print.example.ru:632"},
		{"system client.conf", nil, []string{system, missing}, []string{sock}, "print.example.ru:632"},
		{"the user's client.conf wins", nil, []string{system, user}, nil, sock},
		{"the last ServerName of a file", nil, []string{twice}, nil, "second.example.ru"},
		{"no ServerName: the socket", nil, []string{noName, missing}, []string{sock}, sock},
		{"the first socket that exists", nil, nil, []string{missing, sock}, sock},
		{"a file that is not a socket", nil, nil, []string{notASocket}, "localhost:631"},
		{"nothing: localhost", nil, []string{missing}, []string{missing}, "localhost:631"},
		{"IPP_PORT", map[string]string{"IPP_PORT": "8631"}, nil, nil, "localhost:8631"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := cupsDefaults{getenv: func(k string) string { return tt.env[k] }, confs: tt.confs, sockets: tt.sockets}
			if got := c.server(); got != tt.want {
				t.Errorf("server() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestPrintFindsCUPSWithoutCUPSServer prints on a cupsd listening only on
// a socket of its own (Listen /path), named first by CUPS_SERVER, then,
// with CUPS_SERVER unset, by a client.conf, then as the local scheduler's
// socket: each time lp and the job's IPP follow-up reach the same
// scheduler, and the printer gets the PDF.
func TestPrintFindsCUPSWithoutCUPSServer(t *testing.T) {
	c := cupstest.Start(t) // sets CUPS_SERVER to its socket
	out := c.Out("printed.pdf")
	c.AddQueue(t, "desk", out)
	path, pdf := writePDF(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	conf := filepath.Join(t.TempDir(), "client.conf")
	if err := os.WriteFile(conf, []byte("ServerName "+c.Socket+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	nowhere := filepath.Join(t.TempDir(), "missing")
	printVia := func(what string, s Spooler) {
		t.Helper()
		os.Remove(out)
		s.Raw, s.Timeout = true, 10*time.Second
		job, err := s.Print(ctx, "desk", "My Renault coupon", path)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if st, err := s.JobState(ctx, job); err != nil || st != JobCompleted {
			t.Fatalf("%s: job %s is %d, %v", what, job.ID, st, err)
		}
		if printed, err := os.ReadFile(out); err != nil || !bytes.Equal(printed, pdf) {
			t.Fatalf("%s: printed %d bytes (%v), not the PDF's %d", what, len(printed), err, len(pdf))
		}
	}

	printVia("CUPS_SERVER", Spooler{cups: &cupsDefaults{confs: []string{nowhere}, sockets: []string{nowhere}}})
	t.Setenv("CUPS_SERVER", "")
	os.Unsetenv("CUPS_SERVER")
	printVia("client.conf", Spooler{cups: &cupsDefaults{confs: []string{nowhere, conf}, sockets: []string{nowhere}}})
	printVia("domain socket", Spooler{cups: &cupsDefaults{confs: []string{nowhere}, sockets: []string{nowhere, c.Socket}}})
}
