package showroom

import (
	"errors"
	"fmt"
	"testing"
)

func TestCheckGarageAdd(t *testing.T) {
	car := func(i int) Vehicle {
		return Vehicle{VIN: fmt.Sprintf("VF1LZBR05426065%02d", i), EngineNumber: "K4MA690C12345" + fmt.Sprint(i%10)}
	}
	full := []Vehicle{car(1), car(2), car(3), car(4), {OrderNumber: "0061220040234"}}
	tests := []struct {
		name    string
		garage  []Vehicle
		v       Vehicle
		code    Code
		reason  Reason
		errWant bool
	}{
		{"car in use, empty garage", nil, car(9), "", "", false},
		{"car without engine number", nil, Vehicle{VIN: "VF1LZBR0542606589"}, "", "", false},
		{"ordered car", full[:4], Vehicle{OrderNumber: "006122-0040235"}, "", "", false},
		{"ordered car with its VIN", full[:4], Vehicle{OrderNumber: "0061220040235", VIN: "X7LLSRB17AH123456"}, "", "", false},
		{"fifth car", full[:4], car(9), "", "", false},
		{"sixth car", full, car(9), EGarageFull, ReasonGarageFull, true},
		{"same VIN typed in lower case", full[:2], Vehicle{VIN: " vf1lzbr0542606501"}, EConflict, ReasonGarageSameVIN, true},
		{"same order typed with hyphen", full, Vehicle{OrderNumber: "006122-0040234"}, EConflict, ReasonGarageSameOrder, true},
		{"same VIN as one saved unnormalised", []Vehicle{{VIN: " vf1lzbr0542606589"}}, Vehicle{VIN: "VF1LZBR0542606589"}, EConflict, ReasonGarageSameVIN, true},
		{"same order as one saved with spaces", []Vehicle{{OrderNumber: "006122 0040234"}}, Vehicle{OrderNumber: "0061220040234"}, EConflict, ReasonGarageSameOrder, true},
		{"nothing to identify it", nil, Vehicle{Nickname: "Ласточка"}, EInvalid, ReasonGarageNoIdentity, true},
		{"engine number alone", nil, Vehicle{EngineNumber: "K4MA690C123456"}, EInvalid, ReasonGarageNoIdentity, true},
		{"bad VIN", nil, Vehicle{VIN: "VF1LZBR0542606O89"}, EInvalidVIN, ReasonVINForbiddenLetter, true},
		{"north american check digit", nil, Vehicle{VIN: "1HGCM82633A123456"}, EInvalidVIN, ReasonVINCheckDigit, true},
		{"bad engine number", nil, Vehicle{VIN: "VF1LZBR0542606589", EngineNumber: "K4"}, EInvalidEngine, ReasonEngineLength, true},
		{"bad order number", nil, Vehicle{OrderNumber: "006122"}, EInvalidOrder, ReasonOrderLength, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckGarageAdd(tt.garage, tt.v)
			if !tt.errWant {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != tt.code || e.Reason != tt.reason {
				t.Fatalf("error %#v, want %s/%s", err, tt.code, tt.reason)
			}
		})
	}
}

func TestGarageFullText(t *testing.T) {
	err := CheckGarageAdd(make([]Vehicle, MaxGarage), Vehicle{VIN: "VF1LZBR0542606589"})
	if got := err.(*Error).Text(Russian); got != "В виртуальном гараже помещается не более 5 автомобилей; удалите один, чтобы добавить новый." {
		t.Errorf("text %q", got)
	}
}

func FuzzCheckGarageAdd(f *testing.F) {
	f.Add("VF1LZBR0542606589", "K4MA690C123456", "", "vf1lzbr0542606589", "")
	f.Add("", "", "0061220040234", "", "006122-0040234")
	f.Add("1HGCM82633A123456", "", "", "", "")
	f.Fuzz(func(t *testing.T, vin, engine, order, otherVIN, otherOrder string) {
		v := Vehicle{VIN: vin, EngineNumber: engine, OrderNumber: order}
		garage := []Vehicle{{VIN: otherVIN, OrderNumber: otherOrder}}
		err := CheckGarageAdd(garage, v)
		if err == nil {
			// What joins the garage is a valid car that is not already there.
			if vin == "" && order == "" {
				t.Fatal("accepted a vehicle without VIN or order number")
			}
			if err := CheckGarageAdd(append(garage, v), v); ErrorCode(err) != EConflict {
				t.Fatalf("adding %+v twice: %v", v, err)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("bad error %#v", err)
		}
		checkText(t, e)
	})
}
