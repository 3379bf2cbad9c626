package localdb

import (
	"testing"

	"github.com/myrenault/showroom"
)

func TestCatalogueReadsBackAndReplaces(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	err := db.Update(ctx, func(tx *Tx) error {
		for _, m := range []showroom.ModelInfo{
			{Name: "Logan", ServiceKm: 15000, ServiceMonths: 12, Trims: []string{"Life", "Drive"}, OnSale: true},
			{Name: "Duster", ServiceKm: 15000, ServiceMonths: 12},
			{Name: "Duster", ServiceKm: 10000, ServiceMonths: 12}, // the feed's newer word
		} {
			if err := tx.PutModel(m); err != nil {
				return err
			}
		}
		return tx.PutServiceProgram(showroom.ServiceProgram{ID: "renault-extra", Kind: showroom.ProgramExtended, MaxAgeMonths: 30, Years: 5})
	})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := db.Models(ctx)
	if err != nil || len(ms) != 2 || ms[0].Name != "Duster" || ms[0].ServiceKm != 10000 || ms[1].Trims[1] != "Drive" {
		t.Fatalf("models %+v, %v", ms, err)
	}
	ps, err := db.ServicePrograms(ctx)
	if err != nil || len(ps) != 1 || ps[0].Years != 5 || ps[0].Kind != showroom.ProgramExtended {
		t.Fatalf("programmes %+v, %v", ps, err)
	}
}
