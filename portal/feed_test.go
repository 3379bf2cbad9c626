package portal

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// TestPullPageLimits: a page holds api.DefaultPullLimit changes unless limit
// says otherwise, never more than api.MaxPullLimit, and a limit that is not
// a whole number ≥ 1 is refused rather than guessed at.
func TestPullPageLimits(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	// The changes are written straight into the feed: what is paged here is
	// the feed, and a loader writing 5,000 offers takes seconds under -race.
	_, err := p.store.w.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO changes (type, entity_id, deleted, data, dealer)
		SELECT ?, 'paging-' || i, 0, json_object('id', 'paging-' || i, 'title', 'Offer'), NULL FROM n`,
		api.MaxPullLimit, api.ChangeOffer) // with the fixture's changes, more than a page can hold
	if err != nil {
		t.Fatal(err)
	}
	var total int
	if err := p.store.r.QueryRow(`SELECT count(*) FROM changes WHERE dealer IS NULL OR dealer = ?`, dealerA).Scan(&total); err != nil {
		t.Fatal(err)
	}
	if total <= api.MaxPullLimit {
		t.Fatalf("%d changes in scope, too few to show the cap", total)
	}
	pull := func(query string) api.PullResponse {
		t.Helper()
		var page api.PullResponse
		if st := p.do(t, "GET", "/api/v1/sync/pull"+query, token, nil, &page); st != http.StatusOK {
			t.Fatalf("%s: status %d", query, st)
		}
		return page
	}
	for _, tt := range []struct {
		query string
		n     int
	}{
		{"", api.DefaultPullLimit},
		{"?limit=", api.DefaultPullLimit},
		{"?limit=1", 1},
		{"?limit=" + strconv.Itoa(api.MaxPullLimit), api.MaxPullLimit},
	} {
		page := pull(tt.query)
		if len(page.Changes) != tt.n || !page.More {
			t.Errorf("%q: %d changes, more %v; want %d and more", tt.query, len(page.Changes), page.More, tt.n)
			continue
		}
		if last := page.Changes[tt.n-1].Seq; page.Next != strconv.FormatInt(last, 10) {
			t.Errorf("%q: next %q, last seq %d", tt.query, page.Next, last)
		}
	}
	// A limit over the cap gets pages of the cap, which read the whole feed
	// in order, each change once.
	var seqs []int64
	for cursor, more := "", true; more; {
		page := pull("?limit=" + strconv.Itoa(api.MaxPullLimit+1) + "&since=" + cursor)
		if page.More && len(page.Changes) != api.MaxPullLimit || len(page.Changes) > api.MaxPullLimit {
			t.Fatalf("a page of %d changes, more %v", len(page.Changes), page.More)
		}
		for _, c := range page.Changes {
			seqs = append(seqs, c.Seq)
		}
		cursor, more = page.Next, page.More
	}
	if len(seqs) != total {
		t.Errorf("%d changes read, %d in scope", len(seqs), total)
	}
	for i := 1; i < len(seqs); i++ {
		if seqs[i] <= seqs[i-1] {
			t.Fatalf("seq %d after %d", seqs[i], seqs[i-1])
		}
	}
	for _, limit := range []string{"0", "-1", "-5000", "abc", "1.5", "5e3", "99999999999999999999"} {
		resp := p.raw(t, "GET", "/api/v1/sync/pull?limit="+limit, token, nil, nil)
		var e api.ErrorBody
		decodeBody(t, resp, &e)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || e.Error.Code != showroom.EInvalid || e.Error.Field != "limit" {
			t.Errorf("limit=%s: %d %+v; want 400 invalid at limit", limit, resp.StatusCode, e.Error)
		}
	}
}
