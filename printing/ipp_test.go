package printing

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// The files in testdata/ipp are cupsd's own answers to Get-Job-Attributes,
// taken from a scheduler started as cupstest starts it: a job held, printing,
// printed, aborted by a failing printer and canceled, a job that does not
// exist, and the printed and held jobs with every attribute ("all"), which
// spreads job-state among many groups' worth of values.
var ippAnswers = map[string]JobState{
	"held.ipp":                     JobHeld,
	"processing.ipp":               JobProcessing,
	"completed.ipp":                JobCompleted,
	"aborted.ipp":                  JobAborted,
	"canceled.ipp":                 JobCanceled,
	"held-all-attributes.ipp":      JobHeld,
	"completed-all-attributes.ipp": JobCompleted,
	"not-found.ipp":                0, // client-error-not-found
}

func readIPP(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "ipp", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseJobStateReadsCUPSAnswers(t *testing.T) {
	for name, want := range ippAnswers {
		b := readIPP(t, name)
		got, err := parseJobState(b)
		switch {
		case want == 0 && err == nil:
			t.Errorf("%s: accepted as state %d", name, got)
		case want != 0 && (err != nil || got != want):
			t.Errorf("%s: %d, %v; want %d", name, got, err, want)
		}
		// Every cut of a real answer is refused, however much of it
		// arrived: a state is only read from a whole message.
		for n := range len(b) {
			if st, err := parseJobState(b[:n]); err == nil {
				t.Fatalf("%s cut to %d of %d bytes: accepted as state %d", name, n, len(b), st)
			}
		}
	}
}

func TestParseJobStateRefusesMalformedAnswers(t *testing.T) {
	completed := readIPP(t, "completed.ipp")
	jobState := bytes.Index(completed, []byte("\x23\x00\x09job-state"))
	if jobState < 0 {
		t.Fatal("no job-state in completed.ipp")
	}
	value := jobState + 1 + 2 + len("job-state") + 2
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(completed)) }
	for what, b := range map[string][]byte{
		"empty":          nil,
		"trailing bytes": append(bytes.Clone(completed), 0),
		"IPP 3.0":        edit(func(b []byte) []byte { b[0] = 3; return b }),
		"server error": edit(func(b []byte) []byte {
			binary.BigEndian.PutUint16(b[2:], 0x0500)
			return b
		}),
		"unknown state": edit(func(b []byte) []byte {
			binary.BigEndian.PutUint32(b[value:], 10)
			return b
		}),
		"job-state as an integer": edit(func(b []byte) []byte { b[jobState] = 0x21; return b }),
		"job-state in the operation group": edit(func(b []byte) []byte {
			return append(b[:jobState-1:jobState-1], b[jobState:]...) // drop the job group tag
		}),
		"job-state twice": edit(func(b []byte) []byte {
			attr := b[jobState : value+4]
			return append(b[:value+4:value+4], append(bytes.Clone(attr), tagEnd)...)
		}),
		"job-state with a second value": edit(func(b []byte) []byte {
			return append(b[:value+4:value+4], 0x23, 0, 0, 0, 4, 0, 0, 0, 5, tagEnd)
		}),
		"attribute before any group": {2, 0, 0, 0, 0, 0, 0, 1, 0x23, 0, 9, 'j', 'o', 'b', '-', 's', 't', 'a', 't', 'e', 0, 4, 0, 0, 0, 9, tagEnd},
		"value without an attribute": {2, 0, 0, 0, 0, 0, 0, 1, ippJobGroup, 0x23, 0, 0, 0, 4, 0, 0, 0, 9, tagEnd},
		"reserved delimiter":         {2, 0, 0, 0, 0, 0, 0, 1, 0x00, tagEnd},
		"no job-state":               {2, 0, 0, 0, 0, 0, 0, 1, tagOperation, tagEnd},
	} {
		if st, err := parseJobState(b); err == nil {
			t.Errorf("%s: accepted as state %d", what, st)
		}
	}
}

// FuzzParseJobState feeds the parser CUPS's real answers and what the fuzzer
// makes of them: it never panics, only states RFC 8011 defines come out, and
// no message it accepts is accepted cut short, however short.
func FuzzParseJobState(f *testing.F) {
	for name := range ippAnswers {
		f.Add(readIPP(f, name))
	}
	f.Add(getJobRequest(42)) // a request, not an answer: no job-state
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := parseJobState(b)
		if err != nil {
			if st != 0 {
				t.Errorf("state %d returned with the error %v", st, err)
			}
			return
		}
		if st < JobPending || st > JobCompleted {
			t.Fatalf("accepted an undefined state %d", st)
		}
		if !bytes.Contains(b, []byte("job-state")) {
			t.Fatalf("state %d read from a message without job-state", st)
		}
		for n := range len(b) {
			if _, err := parseJobState(b[:n]); err == nil {
				t.Fatalf("accepted cut to %d of %d bytes", n, len(b))
			}
		}
	})
}
