package printing

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

// JobState is an IPP job state (RFC 8011, 5.3.7).
type JobState int

// Job states.
const (
	JobPending    JobState = 3
	JobHeld       JobState = 4
	JobProcessing JobState = 5
	JobStopped    JobState = 6
	JobCanceled   JobState = 7
	JobAborted    JobState = 8
	JobCompleted  JobState = 9
)

// pollEvery is how often Wait asks CUPS about a job.
const pollEvery = 150 * time.Millisecond

// Wait follows job until it ends. It returns nil when the printer took the
// whole job, an EPrintFailed error when CUPS aborted or canceled it or the
// queue stopped (no paper, printer off, a failing connection), and an
// EPrintUnavailable error when CUPS does not answer. The caller bounds the
// wait with ctx.
func (s Spooler) Wait(ctx context.Context, job Job) error {
	for {
		st, err := s.JobState(ctx, job)
		switch {
		case err != nil:
			return err
		case st == JobCompleted:
			return nil
		case st == JobCanceled || st == JobAborted || st == JobStopped:
			return fmt.Errorf("%w (job %s)", printErr(showroom.EPrintFailed, showroom.ReasonPrintJobFailed, job.Queue), job.ID)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (job %s still %d)", printErr(showroom.EPrintFailed, showroom.ReasonPrintJobFailed, job.Queue), job.ID, st)
		case <-time.After(pollEvery):
		}
	}
}

// JobState asks CUPS for the state of job with an IPP Get-Job-Attributes
// request, sent to the server lp gave the job to (see Spooler.Server), over
// its domain socket when that is where CUPS listens. It returns an EPrintUnavailable error when CUPS does not answer
// (or answers other than HTTP 200), and an EPrintFailed error when the
// answer is an IPP error, such as a job CUPS no longer knows, or cannot be
// read (see parseJobState).
func (s Spooler) JobState(ctx context.Context, job Job) (JobState, error) {
	client, base := ippClient(s.server())
	ctx, cancel := context.WithTimeout(ctx, s.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/jobs/", bytes.NewReader(getJobRequest(job.N)))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/ipp")
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%w (%v)", printErr(showroom.EPrintUnavailable, showroom.ReasonPrintNoService, job.Queue), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil || resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%w (HTTP %d %v)", printErr(showroom.EPrintUnavailable, showroom.ReasonPrintNoService, job.Queue), resp.StatusCode, err)
	}
	st, err := parseJobState(body)
	if err != nil {
		return 0, fmt.Errorf("%w (job %s: %v)", printErr(showroom.EPrintFailed, showroom.ReasonPrintJobFailed, job.Queue), job.ID, err)
	}
	return st, nil
}

// ippClient returns an HTTP client for server ("host:port", "host", or a
// socket path) and the base URL to post to.
func ippClient(server string) (*http.Client, string) {
	if strings.HasPrefix(server, "/") {
		tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", server)
		}}
		return &http.Client{Transport: tr}, "http://localhost"
	}
	if _, _, err := net.SplitHostPort(server); err != nil {
		server = net.JoinHostPort(server, "631")
	}
	return &http.Client{}, "http://" + server
}

// IPP value tags and delimiters used here.
const (
	tagOperation = 0x01
	tagEnd       = 0x03
	tagEnum      = 0x23
	tagURI       = 0x45
	tagCharset   = 0x47
	tagLanguage  = 0x48
	tagKeyword   = 0x44
	opGetJob     = 0x0009
)

// getJobRequest encodes Get-Job-Attributes for job n, asking for job-state.
func getJobRequest(n int) []byte {
	b := []byte{2, 0} // IPP 2.0
	b = binary.BigEndian.AppendUint16(b, opGetJob)
	b = binary.BigEndian.AppendUint32(b, uint32(n)&0x7fffffff) // request-id
	b = append(b, tagOperation)
	attr := func(tag byte, name, value string) {
		b = append(b, tag)
		b = binary.BigEndian.AppendUint16(b, uint16(len(name)))
		b = append(b, name...)
		b = binary.BigEndian.AppendUint16(b, uint16(len(value)))
		b = append(b, value...)
	}
	attr(tagCharset, "attributes-charset", "utf-8")
	attr(tagLanguage, "attributes-natural-language", "en")
	attr(tagURI, "job-uri", "ipp://localhost/jobs/"+strconv.Itoa(n))
	attr(tagKeyword, "requested-attributes", "job-state")
	return append(b, tagEnd)
}

// ippJobGroup is the job-attributes-tag, the group job-state belongs to.
const ippJobGroup = 0x02

// parseJobState reads job-state from a Get-Job-Attributes response
// (RFC 8010, 3.1). The answer comes from outside, so the whole message must
// be well formed: every attribute whole and in a group, job-state once, one
// enum value and a state RFC 8011 defines, and the end-of-attributes tag
// last. A truncated, garbled or padded answer is an error rather than a
// state that Wait would act on.
func parseJobState(b []byte) (JobState, error) {
	if len(b) < 9 {
		return 0, errors.New("short IPP response")
	}
	if b[0] != 1 && b[0] != 2 {
		return 0, fmt.Errorf("IPP version %d.%d", b[0], b[1])
	}
	if status := binary.BigEndian.Uint16(b[2:4]); status >= 0x0400 {
		return 0, fmt.Errorf("IPP status 0x%04x", status)
	}
	var (
		group     byte   // the group being read; 0 before the first
		name      string // the attribute being read, for its additional values
		state     JobState
		haveState bool
	)
	for i := 8; ; {
		if i >= len(b) {
			return 0, errors.New("truncated IPP response: no end-of-attributes tag")
		}
		tag := b[i]
		i++
		if tag == tagEnd {
			if i != len(b) {
				return 0, fmt.Errorf("%d bytes after the end of the IPP attributes", len(b)-i)
			}
			break
		}
		if tag < 0x10 { // a group delimiter
			if tag == 0 {
				return 0, errors.New("reserved IPP delimiter tag 0x00")
			}
			group, name = tag, ""
			continue
		}
		if group == 0 {
			return 0, errors.New("IPP attribute outside a group")
		}
		if i+2 > len(b) {
			return 0, errors.New("truncated IPP attribute name length")
		}
		nl := int(binary.BigEndian.Uint16(b[i:]))
		i += 2
		if i+nl+2 > len(b) {
			return 0, errors.New("truncated IPP attribute name")
		}
		if nl > 0 {
			name = string(b[i : i+nl])
		} else if name == "" {
			return 0, errors.New("IPP additional value without an attribute")
		}
		i += nl
		vl := int(binary.BigEndian.Uint16(b[i:]))
		i += 2
		if i+vl > len(b) {
			return 0, errors.New("truncated IPP attribute value")
		}
		if name == "job-state" {
			switch {
			case haveState:
				return 0, errors.New("job-state given twice")
			case group != ippJobGroup || tag != tagEnum || vl != 4:
				return 0, fmt.Errorf("job-state is not one enum in the job group (group 0x%02x, tag 0x%02x, %d bytes)", group, tag, vl)
			}
			v := int32(binary.BigEndian.Uint32(b[i:]))
			if v < int32(JobPending) || v > int32(JobCompleted) {
				return 0, fmt.Errorf("unknown job state %d", v)
			}
			state, haveState = JobState(v), true
		}
		i += vl
	}
	if !haveState {
		return 0, errors.New("no job-state in the IPP response")
	}
	return state, nil
}
