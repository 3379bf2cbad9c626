package sync

import (
	"bytes"
	"encoding/json"
	"testing"
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
