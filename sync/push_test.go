package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	stdsync "sync"
	"testing"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

// TestPushSendsTheOutboxInOrderInBatches fills the outbox with 1,234
// mutations and checks that they leave in creation order, at most 500 per
// push.
func TestPushSendsTheOutboxInOrderInBatches(t *testing.T) {
	ctx := context.Background()
	var mu stdsync.Mutex
	var sizes []int
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req api.PushRequest
		if r.URL.Path != "/api/v1/sync/push" || json.NewDecoder(r.Body).Decode(&req) != nil {
			json.NewEncoder(w).Encode(api.PullResponse{Changes: []api.Change{}, Next: ""})
			return
		}
		out := api.PushResponse{}
		mu.Lock()
		sizes = append(sizes, len(req.Mutations))
		for _, m := range req.Mutations {
			var n struct{ N int }
			json.Unmarshal(m.Data, &n)
			seen = append(seen, fmt.Sprint(n.N))
			out.Results = append(out.Results, api.Result{ID: m.ID, Status: api.StatusApplied})
		}
		mu.Unlock()
		json.NewEncoder(w).Encode(out)
	}))
	defer srv.Close()
	db, err := localdb.Open(ctx, filepath.Join(t.TempDir(), "showroom.db"), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx *localdb.Tx) error {
		for i := range 1234 {
			if _, err := tx.Enqueue("test.mutation", map[string]int{"n": i}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{DB: db, Client: c}).Round(ctx)
	if err != nil || s.Push.Applied != 1234 || s.Outbox != 0 {
		t.Fatalf("round %+v: %v", s, err)
	}
	if fmt.Sprint(sizes) != "[500 500 234]" {
		t.Fatalf("batch sizes %v", sizes)
	}
	for i, n := range seen {
		if n != fmt.Sprint(i) {
			t.Fatalf("mutation %d pushed as number %s", i, n)
		}
	}
}

func TestSettleSortsResults(t *testing.T) {
	pending := []localdb.Mutation{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "e"}, {ID: "f"}}
	results := []api.Result{
		{ID: "a", Status: api.StatusApplied},
		{ID: "b", Status: api.StatusDuplicate},
		{ID: "c", Status: api.StatusRejected, Code: showroom.EEmailTaken, Message: "taken", Field: "email"},
		{ID: "d", Status: api.StatusRejected, Code: showroom.EInternal},
		{ID: "x", Status: api.StatusApplied},
		{ID: "f", Status: "pondering"},
	}
	var st PushStats
	out := settle(pending, results, &st)
	if fmt.Sprint(out.Done) != "[a b]" || len(out.Rejected) != 1 || out.Rejected[0] != (localdb.Rejection{ID: "c", Code: "email_taken", Message: "taken", Field: "email"}) ||
		len(out.Failed) != 3 || out.Failed[0].ID != "d" || out.Failed[1].Reason != "result_mismatch" || out.Failed[2].Reason != "unknown_status" {
		t.Fatalf("outcome %+v", out)
	}
	if st != (PushStats{Applied: 1, Duplicate: 1, Rejected: 1, Failed: 3}) {
		t.Fatalf("stats %+v", st)
	}
}

// TestPushHalvesBatchesThePortalFindsTooLarge: a portal that takes at most
// 3 mutations per body gets batches small enough, and a mutation too large
// alone goes to the attention list instead of blocking the outbox.
func TestPushHalvesBatchesThePortalFindsTooLarge(t *testing.T) {
	ctx := context.Background()
	var mu stdsync.Mutex
	var sizes []int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req api.PushRequest
		if r.URL.Path != "/api/v1/sync/push" || json.NewDecoder(r.Body).Decode(&req) != nil {
			json.NewEncoder(w).Encode(api.PullResponse{Changes: []api.Change{}, Next: ""})
			return
		}
		mu.Lock()
		sizes = append(sizes, len(req.Mutations))
		mu.Unlock()
		big := false
		for _, m := range req.Mutations {
			big = big || m.Type == "test.huge"
		}
		if len(req.Mutations) > 3 || big {
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			json.NewEncoder(w).Encode(api.ErrorBody{Error: api.ErrorDetail{Code: api.CodeTooLarge}})
			return
		}
		out := api.PushResponse{}
		for _, m := range req.Mutations {
			out.Results = append(out.Results, api.Result{ID: m.ID, Status: api.StatusApplied})
		}
		json.NewEncoder(w).Encode(out)
	}))
	defer srv.Close()
	db, err := localdb.Open(ctx, filepath.Join(t.TempDir(), "showroom.db"), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx *localdb.Tx) error {
		for i := range 10 {
			typ := "test.mutation"
			if i == 4 {
				typ = "test.huge"
			}
			if _, err := tx.Enqueue(typ, map[string]int{"n": i}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{DB: db, Client: c}).Round(ctx)
	if err != nil || s.Push.Applied != 9 || s.Push.Rejected != 1 || s.Outbox != 0 || s.Attention != 1 {
		t.Fatalf("round %+v: %v (batches %v)", s, err, sizes)
	}
	items, err := db.AttentionItems(ctx, 10)
	if err != nil || len(items) != 1 || items[0].Type != "test.huge" || items[0].Code != string(api.CodeTooLarge) {
		t.Fatalf("attention %+v %v", items, err)
	}
}
