package localdb

import (
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

// TestPutMessage: a message is written to the inbox of the customer its
// ref names, replaced by a later one of the same ID, kept apart from
// another customer's of the same ID, and refused with ENotFound (nothing
// written) for a customer not here.
func TestPutMessage(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	var refs []string
	for _, email := range []string{"a@example.ru", "b@example.ru"} {
		d := draft()
		d.Email, d.Phone, d.VIN = email, "", ""
		c, err := db.Register(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, c.Ref)
	}
	at := testNow.Add(-time.Hour)
	put := func(m showroom.Message) error {
		return db.Update(ctx, func(tx *Tx) error { return tx.PutMessage(m) })
	}
	for _, m := range []showroom.Message{
		{ID: "m1", CustomerRef: refs[0], Subject: "Первое", Body: "Текст", At: at},
		{ID: "m1", CustomerRef: refs[0], Subject: "Первое", Body: "Исправлено", At: at, Read: true},
		{ID: "m1", CustomerRef: refs[1], Subject: "Чужое", Body: "Другой клиент", At: at},
		{CustomerRef: refs[1], Subject: "Без номера", At: at.Add(time.Minute)},
	} {
		if err := put(m); err != nil {
			t.Fatalf("%+v: %v", m, err)
		}
	}
	wantCode(t, put(showroom.Message{ID: "m2", CustomerRef: "nobody", Subject: "?", At: at}), showroom.ENotFound)
	if n := count(t, db, "messages"); n != 3 {
		t.Errorf("%d messages, want 3", n)
	}
	first, err := db.Cabinet(ctx, refs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Messages) != 1 || first.Messages[0].Body != "Исправлено" || !first.Messages[0].Read {
		t.Errorf("first customer's inbox: %+v", first.Messages)
	}
	second, err := db.Cabinet(ctx, refs[1])
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Messages) != 2 || second.Messages[0].ID == "" || second.Messages[1].Body != "Другой клиент" {
		t.Errorf("second customer's inbox: %+v", second.Messages)
	}
}
