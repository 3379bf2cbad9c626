package printing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

// Spooler sends PDF files to CUPS printer queues with the lp command, which
// every CUPS installation has, so that the app honours the machine's CUPS
// settings, and follows each job with an IPP request of its own (see Wait),
// so that it needs no IPP library. The PDF stays on disk whatever happens:
// printing errors tell the person it is saved.
type Spooler struct {
	// Server is the CUPS server as CUPS_SERVER takes it ("host:port" or a
	// socket path); empty means the one lp would choose: CUPS_SERVER from
	// the environment, else client.conf's ServerName, else the local
	// scheduler's socket, else localhost:631 (see cupsDefaults.server).
	Server string
	// Timeout bounds each lp or lpstat run and each IPP request; 30 s when
	// zero.
	Timeout time.Duration
	// Raw sends the file as it is (lp -o raw), for printers that take PDF
	// directly; otherwise CUPS converts it for the printer.
	Raw bool

	// cups is where the server is looked for when Server is empty: the
	// machine's CUPS set-up when nil, a test's own files otherwise.
	cups *cupsDefaults
}

// Job is a print job CUPS accepted.
type Job struct {
	ID    string // "queue-42", as lp prints it
	Queue string
	N     int // the job number
}

// requestID matches lp's answer "request id is QUEUE-N (1 file(s))".
var requestID = regexp.MustCompile(`request id is (\S+)-(\d+) `)

func (s Spooler) timeout() time.Duration {
	if s.Timeout <= 0 {
		return 30 * time.Second
	}
	return s.Timeout
}

// server is the CUPS server the commands and the IPP requests go to: one
// choice for both, so that Wait asks the scheduler that Submit gave the job
// to.
func (s Spooler) server() string {
	if s.Server != "" {
		return s.Server
	}
	if s.cups != nil {
		return s.cups.server()
	}
	return systemCUPS().server()
}

// command runs a CUPS command with the server chosen and messages in
// English, which this package reads; people see its own texts instead.
func (s Spooler) command(ctx context.Context, name string, args ...string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C", "CUPS_SERVER="+s.server())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return out.String(), strings.TrimSpace(errb.String()), err
}

// Submit sends the PDF at path to queue with the job title (which printer
// queues show to everyone: never a customer's name). It returns once CUPS
// has accepted the job; Wait follows it to the end.
//
// Errors are *showroom.Error values, wrapped with lp's own message:
// EPrinterNotFound when the queue does not exist (or none is chosen),
// EPrintUnavailable when CUPS is not running or does not answer, and
// EPrintFailed when CUPS refuses the job.
func (s Spooler) Submit(ctx context.Context, queue, title, path string) (Job, error) {
	if queue == "" {
		return Job{}, showroom.Errorf(showroom.EPrinterNotFound, "printer", showroom.ReasonPrintNoPrinter)
	}
	args := []string{"-d", queue, "-t", title}
	if s.Raw {
		args = append(args, "-o", "raw")
	}
	args = append(args, "--", path)
	out, msg, err := s.command(ctx, "lp", args...)
	if err != nil {
		return Job{}, s.diagnose(ctx, queue, msg, err)
	}
	m := requestID.FindStringSubmatch(out)
	if m == nil {
		return Job{}, fmt.Errorf("%w (lp: %q)", printErr(showroom.EPrintFailed, showroom.ReasonPrintJobFailed, queue), out)
	}
	n, _ := strconv.Atoi(m[2])
	return Job{ID: m[1] + "-" + m[2], Queue: m[1], N: n}, nil
}

// diagnose turns a failed lp run into the error a person can act on.
func (s Spooler) diagnose(ctx context.Context, queue, msg string, err error) error {
	detail := msg
	if detail == "" {
		detail = err.Error()
	}
	wrap := func(e *showroom.Error) error { return fmt.Errorf("%w (lp: %s)", e, detail) }
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return wrap(printErr(showroom.EPrintUnavailable, showroom.ReasonPrintNoService, queue))
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return wrap(printErr(showroom.EPrintUnavailable, showroom.ReasonPrintNoService, queue))
	}
	// lp says "the printer does not exist" when it cannot reach CUPS at
	// all, so ask the scheduler first.
	if out, _, err := s.command(ctx, "lpstat", "-r"); err != nil || !strings.Contains(out, "scheduler is running") {
		return wrap(printErr(showroom.EPrintUnavailable, showroom.ReasonPrintNoService, queue))
	}
	if strings.Contains(msg, "does not exist") || strings.Contains(msg, "not found") {
		return wrap(printErr(showroom.EPrinterNotFound, showroom.ReasonPrinterNotFound, queue))
	}
	return wrap(printErr(showroom.EPrintFailed, showroom.ReasonPrintJobFailed, queue))
}

// printErr builds a printing error; only the reasons that name the printer
// take it as their argument.
func printErr(code showroom.Code, reason showroom.Reason, queue string) *showroom.Error {
	if reason == showroom.ReasonPrinterNotFound || reason == showroom.ReasonPrintJobFailed {
		return showroom.Errorf(code, "printer", reason, queue)
	}
	return showroom.Errorf(code, "printer", reason)
}

// Print submits the PDF at path and waits until the printer took it (see
// Submit and Wait for the errors). The job is returned even on failure when
// CUPS accepted it, so that the person can find it in the queue.
func (s Spooler) Print(ctx context.Context, queue, title, path string) (Job, error) {
	job, err := s.Submit(ctx, queue, title, path)
	if err != nil {
		return Job{}, err
	}
	return job, s.Wait(ctx, job)
}

// Queues lists the CUPS printer queues, sorted, for the person to choose
// from. It returns an EPrintUnavailable error when CUPS is not running; a
// CUPS without queues gives an empty list.
func (s Spooler) Queues(ctx context.Context) ([]string, error) {
	out, msg, err := s.command(ctx, "lpstat", "-e")
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, printErr(showroom.EPrintUnavailable, showroom.ReasonPrintNoService, "")
		}
		if st, _, serr := s.command(ctx, "lpstat", "-r"); serr != nil || !strings.Contains(st, "scheduler is running") {
			return nil, fmt.Errorf("%w (lpstat: %s)", printErr(showroom.EPrintUnavailable, showroom.ReasonPrintNoService, ""), msg)
		}
		if strings.Contains(msg, "No destinations") {
			return nil, nil
		}
		return nil, fmt.Errorf("printing: lpstat: %s: %w", msg, err)
	}
	var queues []string
	for _, l := range strings.Split(out, "\n") {
		if q := strings.TrimSpace(l); q != "" {
			queues = append(queues, q)
		}
	}
	if len(queues) == 0 {
		// lpstat lists nothing, successfully, when CUPS is not running.
		if st, _, err := s.command(ctx, "lpstat", "-r"); err != nil || !strings.Contains(st, "scheduler is running") {
			return nil, printErr(showroom.EPrintUnavailable, showroom.ReasonPrintNoService, "")
		}
	}
	slices.Sort(queues)
	return queues, nil
}
