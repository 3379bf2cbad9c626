package portal

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

// ImportError is a bad row of an import file: its line (1 is the header)
// and the column at fault. Nothing of the file is imported.
type ImportError struct {
	Line  int
	Field string
	Err   error
}

func (e *ImportError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d, field %s: %v", e.Line, e.Field, e.Err)
}

func (e *ImportError) Unwrap() error { return e.Err }

// importer is one feed: its header and how a row is loaded. The header may
// stop before the optional columns, or after any of them: a feed that grew
// columns still reads the files made before.
type importer struct {
	header   []string
	optional []string // after header, in this order
	row      func(l *Loader, r *row) error
}

// wantHeader says what the header of the feed must be.
func (imp importer) wantHeader() string {
	want := strings.Join(imp.header, ",")
	if len(imp.optional) > 0 {
		want += ", optionally followed by " + strings.Join(imp.optional, ",") + " in this order"
	}
	return want
}

// columns checks the header of a file and returns its columns.
func (imp importer) columns(head []string) ([]string, error) {
	all := slices.Concat(imp.header, imp.optional)
	for i := range head {
		head[i] = strings.TrimSpace(head[i])
	}
	for i, h := range imp.header {
		if i >= len(head) || head[i] != h {
			return nil, &ImportError{Line: 1, Field: h, Err: fmt.Errorf("header must be %s", imp.wantHeader())}
		}
	}
	for i := len(imp.header); i < len(head); i++ {
		if i >= len(all) || head[i] != all[i] {
			return nil, &ImportError{Line: 1, Err: fmt.Errorf("column %q is not expected there; the header must be %s",
				head[i], imp.wantHeader())}
		}
	}
	return all[:len(head)], nil
}

// ImportKinds lists the feeds Import reads; IMPORT.md documents their CSV.
func ImportKinds() []string {
	kinds := make([]string, 0, len(importers))
	for k := range importers {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}

// Import reads a CSV feed of the given kind (see ImportKinds) and loads it
// in one transaction: the whole file or nothing. It returns the number of
// rows loaded; a bad row is an *ImportError.
func (s *SQLite) Import(ctx context.Context, kind string, in io.Reader) (int, error) {
	imp, ok := importers[kind]
	if !ok {
		return 0, fmt.Errorf("unknown kind %q (want one of %s)", kind, strings.Join(ImportKinds(), ", "))
	}
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1 // counted here, to name the column at fault
	n := 0
	err := s.Load(ctx, func(l *Loader) error {
		head, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return &ImportError{Line: 1, Err: fmt.Errorf("the file is empty; its header must be %s", imp.wantHeader())}
		}
		if err != nil {
			return csvError(err, 1)
		}
		head[0] = strings.TrimPrefix(head[0], "\ufeff")
		cols, err := imp.columns(head)
		if err != nil {
			return err
		}
		line := 1
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return csvError(err, line+1)
			}
			line, _ = cr.FieldPos(0)
			if err := fieldCount(cols, rec); err != nil {
				err.Line = line
				return err
			}
			r := &row{cols: cols, rec: rec}
			if err := imp.row(l, r); err != nil {
				var ie *ImportError
				if errors.As(err, &ie) {
					ie.Line = line
					return ie
				}
				return &ImportError{Line: line, Err: err}
			}
			n++
		}
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// fieldCount checks that a record has a field for each column: a short
// one names the first column it lacks, a long one the columns it should
// have.
func fieldCount(cols, rec []string) *ImportError {
	switch {
	case len(rec) < len(cols):
		return &ImportError{Field: cols[len(rec)], Err: fmt.Errorf("is missing: the row has %d of the %d fields %s",
			len(rec), len(cols), strings.Join(cols, ","))}
	case len(rec) > len(cols):
		return &ImportError{Err: fmt.Errorf("has %d fields; want the %d fields %s", len(rec), len(cols), strings.Join(cols, ","))}
	}
	return nil
}

// csvError is a syntax error of the CSV (a stray quote…) at its line; an
// error reading the file itself is put at line, the one after the last
// row read.
func csvError(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ImportError{Line: pe.Line, Err: pe.Err}
	}
	return &ImportError{Line: line, Err: err}
}

// row reads the typed values of one CSV record by column name; an
// optional column the file does not have reads as empty.
type row struct {
	cols []string
	rec  []string
}

func (r *row) str(name string) string {
	i := slices.Index(r.cols, name)
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

func (r *row) fail(name string, err error) error {
	return &ImportError{Field: name, Err: err}
}

// required is a non-empty text column.
func (r *row) required(name string) (string, error) {
	if v := r.str(name); v != "" {
		return v, nil
	}
	return "", r.fail(name, errors.New("is empty"))
}

// date reads YYYY-MM-DD (taken as UTC midnight) or RFC 3339; optional
// columns may be empty (zero time).
func (r *row) date(name string, optional bool) (time.Time, error) {
	v := r.str(name)
	if v == "" {
		if optional {
			return time.Time{}, nil
		}
		return time.Time{}, r.fail(name, errors.New("is empty"))
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return t, r.fail(name, errors.New("is not a date (YYYY-MM-DD or RFC 3339)"))
	}
	return t.UTC(), nil
}

// number reads a non-negative integer; empty is 0.
func (r *row) number(name string) (int, error) {
	v := r.str(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, r.fail(name, errors.New("is not a whole number ≥ 0"))
	}
	return n, nil
}

// float reads a decimal number; empty is 0.
func (r *row) float(name string) (float64, error) {
	v := r.str(name)
	if v == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, r.fail(name, errors.New("is not a number"))
	}
	return f, nil
}

// list reads values separated by ";", empty ones dropped.
func (r *row) list(name string) []string {
	var out []string
	for _, v := range strings.Split(r.str(name), ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// vin reads a VIN column and checks it with the domain's DecodeVIN.
func (r *row) vin(name string) (string, error) {
	d, err := showroom.DecodeVIN(r.str(name))
	if err != nil {
		return "", r.fail(name, err)
	}
	return d.VIN, nil
}

// dealerCode reads a 6-digit dealer code.
func (r *row) dealerCode(name string) (string, error) {
	v := r.str(name)
	if len(v) != 6 || strings.Trim(v, "0123456789") != "" {
		return "", r.fail(name, errors.New("is not a 6-digit dealer code"))
	}
	return v, nil
}
