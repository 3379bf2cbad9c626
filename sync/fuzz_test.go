package sync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
)

// FuzzDecodePull feeds the pull decoder what a network may bring: it must
// never panic, and a page it accepts must keep the promises the puller
// relies on.
func FuzzDecodePull(f *testing.F) {
	for _, s := range []string{
		`{"changes":[],"next":"0","more":false}`,
		`{"changes":[{"seq":1,"type":"customer","id":"300000001","deleted":false,"data":{"customer_ref":"r","customer_id":"300000001","state":"pending"}}],"next":"1","more":true}`,
		`{"changes":[{"seq":2,"type":"vehicle","id":"v","deleted":true,"data":null}],"next":"2","more":false}`,
		`{"changes":[{"seq":2,"type":"a","id":"x","data":{}},{"seq":1,"type":"b","id":"y","data":{}}],"next":"2"}`,
		`{"changes":null,"next":"","more":true}`,
		`{"changes":[{"seq":1,"type":"offer","id":"o","data":{"id":"o"}}],"next":"1"} trailing`,
		`{"changes":[{"seq":1,"type":"offer","id":"o","data":{"id":"o"`,
		`[]`, `null`, ``, `{"next":12}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodePull(bytes.NewReader(b))
		if err != nil {
			return
		}
		var last int64
		for _, c := range p.Changes {
			if c.Type == "" || c.ID == "" || c.Seq <= last {
				t.Fatalf("accepted change %+v after seq %d", c, last)
			}
			if !c.Deleted && (len(c.Data) == 0 || string(c.Data) == "null" || !json.Valid(c.Data)) {
				t.Fatalf("accepted change without data: %+v", c)
			}
			last = c.Seq
		}
		if len(p.Changes) > 0 && p.Next == "" {
			t.Fatalf("accepted changes without a cursor")
		}
		if p.More && len(p.Changes) == 0 {
			t.Fatalf("accepted an empty page promising more")
		}
	})
}

// FuzzDecodePush feeds the push answer's decoder and settle what a network
// may bring: no panic; an answer accepted has one result per mutation,
// and settle puts every mutation of the batch in exactly one of done,
// rejected (with the portal's code) and kept for later.
func FuzzDecodePush(f *testing.F) {
	for _, s := range []string{
		`{"results":[{"id":"m0","status":"applied","entity":{"type":"customer","id":"300000001","ref":"r"}}]}`,
		`{"results":[{"id":"m0","status":"duplicate"},{"id":"m1","status":"rejected","code":"invalid_email","message":"Проверьте e-mail","field":"email"}]}`,
		`{"results":[{"id":"m1","status":"applied"},{"id":"m0","status":"applied"}]}`,
		`{"results":[{"id":"m0","status":"rejected","code":"internal"},{"id":"m1","status":"later"}]}`,
		`{"results":[{"id":"m0","status":"rejected","code":"Иванов ivan@example.ru","field":"\n"}]}`,
		`{"results":[{"id":"m0","status":"rejected","message":"\xff\xfe"}]}`,
		`{"results":null}`, `{"results":{}}`, `{"results":[null]}`, `[]`, `null`, ``, `{"results":[`,
	} {
		for n := range uint8(3) {
			f.Add([]byte(s), n)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte, n uint8) {
		count := int(n % 8)
		results, err := decodePush(b, count)
		if err != nil {
			if !errors.Is(err, ErrOffline) || OfflineReason(err) != ReasonBadAnswer {
				t.Fatalf("refused answer: %v (reason %q)", err, OfflineReason(err))
			}
			return
		}
		if len(results) != count {
			t.Fatalf("%d results for %d mutations", len(results), count)
		}
		pending := make([]localdb.Mutation, count)
		for i := range pending {
			pending[i] = localdb.Mutation{ID: fmt.Sprintf("m%d", i)}
		}
		var st PushStats
		out := settle(pending, results, &st)
		seen := map[string]int{}
		for _, id := range out.Done {
			seen[id]++
		}
		for _, r := range out.Rejected {
			seen[r.ID]++
			if r.Code != token(r.Code) || !utf8.ValidString(r.Message) {
				t.Fatalf("rejection kept as %+v", r)
			}
		}
		for _, r := range out.Failed {
			seen[r.ID]++
		}
		for _, m := range pending {
			if seen[m.ID] != 1 {
				t.Fatalf("mutation %s settled %d times: %+v", m.ID, seen[m.ID], out)
			}
		}
		if st.Applied+st.Duplicate+st.Rejected+st.Failed != count || len(out.Done) != st.Applied+st.Duplicate {
			t.Fatalf("stats %+v for %d mutations", st, count)
		}
	})
}

// FuzzDecodeError feeds the error answer's decoder any status and body: no
// panic; the status is kept; the code and field are short tokens or
// nothing; and the error's text, which goes to logs and the sync status,
// quotes nothing of the body but such a code.
func FuzzDecodeError(f *testing.F) {
	for _, s := range []string{
		`{"error":{"code":"unauthorized","message":"Unknown or revoked device token"}}`,
		`{"error":{"code":"invalid_vin","message":"VIN неверен","field":"vin"}}`,
		`{"error":{"code":"Полина polina@example.ru","message":"x"}}`,
		`{"error":{"code":"` + strings.Repeat("a", 100) + `"}}`,
		`{"error":"boom"}`, `{"error":{"code":5}}`, `<html>502 Bad Gateway</html>`, ``, `null`,
	} {
		f.Add(401, []byte(s))
		f.Add(502, []byte(s))
	}
	f.Fuzz(func(t *testing.T, st int, body []byte) {
		e := decodeError(st, body)
		if e.Status != st {
			t.Fatalf("status %d kept as %d", st, e.Status)
		}
		if string(e.Code) != token(string(e.Code)) || e.Field != token(e.Field) || !utf8.ValidString(e.Message) {
			t.Fatalf("decoded %+v", e)
		}
		want := fmt.Sprintf("portal answered HTTP %d", st)
		if e.Code != "" {
			want += " " + string(e.Code)
		}
		if e.Error() != want {
			t.Fatalf("error text %q, want %q", e.Error(), want)
		}
		if e.Code != "" && showroom.ErrorCode(e) != e.Code {
			t.Fatalf("code %q seen as %q", e.Code, showroom.ErrorCode(e))
		}
	})
}

// FuzzDecodeEnroll feeds the enrolment answer's decoder what a network may
// bring: no panic; an answer accepted names the device and gives a token
// an Authorization header can carry; one refused is ErrOffline.
func FuzzDecodeEnroll(f *testing.F) {
	for _, s := range []string{
		`{"device_id":"dev-1","token":"0123456789abcdef","dealer":{"code":"006122","name":"Автомир"},"coupon_prefix":"K7"}`,
		`{"device_id":"dev-1","token":"t","admin":{"id":"s1","name":"Анна","role":"admin"}}`,
		`{"device_id":"dev-1","token":"to ken"}`,
		`{"device_id":"dev-1","token":"tok\r\nX-Evil: 1"}`,
		`{"device_id":"dev\u0000","token":"tok"}`,
		`{"device_id":"","token":"tok"}`, `{"device_id":"d"}`, `{"token":5}`, `[]`, `null`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := decodeEnroll(b)
		if err != nil {
			if !errors.Is(err, ErrOffline) || OfflineReason(err) != ReasonBadAnswer {
				t.Fatalf("refused answer: %v", err)
			}
			if out.Token != "" || out.DeviceID != "" {
				t.Fatalf("a refused answer returned %+v", out)
			}
			return
		}
		if out.DeviceID == "" || out.Token == "" {
			t.Fatalf("accepted %+v", out)
		}
		if strings.ContainsFunc(out.Token, func(r rune) bool { return r <= ' ' || r > '~' }) {
			t.Fatalf("accepted token %q", out.Token)
		}
		if !utf8.ValidString(out.DeviceID) || strings.ContainsFunc(out.DeviceID, unicode.IsControl) {
			t.Fatalf("accepted device ID %q", out.DeviceID)
		}
	})
}
