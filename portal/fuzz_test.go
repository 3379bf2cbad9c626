package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// FuzzDecodePush: any body either decodes to at most MaxBatch mutations or
// fails with a protocol code, and applying what decodes never fails the
// store (rejections are results, not errors).
func FuzzDecodePush(f *testing.F) {
	reg, _ := json.Marshal(registration("r1", "polina@example.ru"))
	seed, _ := json.Marshal(api.PushRequest{Mutations: []api.Mutation{
		{ID: "a", Type: api.TypeCustomerRegister, Data: reg},
		{ID: "b", Type: api.TypeVehicleAdd, Data: json.RawMessage(`{"customer_ref":"r1","vin":"` + knownVIN + `","engine_number":"` + knownEng + `"}`)},
		{ID: "c", Type: api.TypeCouponRedeem, Data: json.RawMessage(`{"code":"x"}`)},
	}})
	f.Add(seed)
	f.Add([]byte(`{"mutations":[{"id":"x","type":"customer.register","data":"str"}]}`))
	f.Add([]byte(`{"mutations":null}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"mutations":[{"at":"yesterday"}]}`))
	p := newTestPortal(f)
	dev := Device{ID: "fuzz", Dealer: dealerA, Kind: api.KindKiosk}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := DecodePush(bytes.NewReader(body))
		if err != nil {
			if c := showroom.ErrorCode(err); c != api.CodeBadJSON && c != api.CodeTooLarge {
				t.Fatalf("code %s", c)
			}
			return
		}
		if len(req.Mutations) > api.MaxBatch {
			t.Fatal("batch over the limit decoded")
		}
		for _, m := range req.Mutations {
			res, err := p.store.Apply(context.Background(), dev, m, showroom.English)
			if err != nil {
				t.Fatalf("store failed on %q: %v", m.Type, err)
			}
			switch res.Status {
			case api.StatusApplied, api.StatusDuplicate, api.StatusRejected:
			default:
				t.Fatalf("status %q", res.Status)
			}
		}
	})
}
