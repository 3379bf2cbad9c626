package localdb

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// How values are stored: times as UTC text of fixed width (so that text
// order is time order), dates as YYYY-MM-DD, the zero time as NULL, lists
// as JSON arrays, booleans as 0/1.
const (
	timeLayout = "2006-01-02T15:04:05.000000000Z"
	dateLayout = "2006-01-02"
)

// timeText is the stored form of t; the zero time is NULL.
func timeText(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: t.UTC().Format(timeLayout), Valid: true}
}

// dateText is the stored form of a calendar date; the zero time is NULL.
func dateText(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: t.Format(dateLayout), Valid: true}
}

// nullTime scans a stored time or date back.
type nullTime struct{ t *time.Time }

func (n nullTime) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*n.t = time.Time{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("time column holds %T", src)
	}
	layout := timeLayout
	if len(s) == len(dateLayout) {
		layout = dateLayout
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return fmt.Errorf("time column: bad format")
	}
	*n.t = t
	return nil
}

// nullText stores an empty string as NULL, for columns where NULL means
// "not known" (a garage car's VIN before the factory assigns one).
func nullText(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// text scans a nullable text column into a string, NULL as "".
type text struct{ s *string }

func (t text) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*t.s = ""
	case string:
		*t.s = v
	case []byte:
		*t.s = string(v)
	default:
		return fmt.Errorf("text column holds %T", src)
	}
	return nil
}

// jsonList is the stored form of a list; nil and empty are both "[]".
func jsonList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b, err := json.Marshal(l)
	if err != nil {
		panic(err) // a []string always marshals
	}
	return string(b)
}

// list scans a JSON array column; an empty array gives nil.
type list struct{ l *[]string }

func (l list) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("list column holds %T", src)
	}
	*l.l = nil
	if err := json.Unmarshal(b, l.l); err != nil {
		return fmt.Errorf("list column: bad JSON")
	}
	if len(*l.l) == 0 {
		*l.l = nil
	}
	return nil
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails; see crypto/rand.Read
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
