package showroom

import "strings"

// MaxGarage is how many cars «Мой виртуальный гараж» holds.
const MaxGarage = 5

// CheckGarageAdd reports whether the vehicle v may join a customer's
// garage, which holds the cars in garage. It returns nil or an *Error:
//   - v must be either a car in use, with a VIN that DecodeVIN accepts, or
//     an ordered car, with an order number that ParseOrderNumber accepts
//     (both may be set once the factory has assigned the VIN). Neither gives
//     Code EInvalid with Field "vin" and ReasonGarageNoIdentity; a bad one
//     gives that validator's error. An engine number, when given, must pass
//     NormalizeEngineNumber.
//   - the same VIN or the same order number already in the garage gives
//     EConflict with ReasonGarageSameVIN or ReasonGarageSameOrder;
//   - a garage of MaxGarage cars gives EGarageFull with ReasonGarageFull.
//
// The engine number is not required, as in the cabinet's form («VIN *,
// Номер двигателя»): without it the car joins the garage but the portal
// cannot verify it, so the customer gets no offers for it (see
// Vehicle.Verified). The showroom's screens ask for it all the same.
//
// Values are compared normalised, so "vf1…" and "VF1…", or an order number
// typed with hyphens, are the same car.
func CheckGarageAdd(garage []Vehicle, v Vehicle) error {
	vin, order, err := garageKeys(v)
	if err != nil {
		return err
	}
	if v.EngineNumber != "" {
		if _, err := NormalizeEngineNumber(v.EngineNumber); err != nil {
			return err
		}
	}
	for _, g := range garage {
		// Cars already saved are compared leniently: a record saved before
		// a rule changed must still block a duplicate.
		if vin != "" && NormalizeVIN(g.VIN) == vin {
			return Errorf(EConflict, "vin", ReasonGarageSameVIN)
		}
		if order != "" && orderDigits(g.OrderNumber) == order {
			return Errorf(EConflict, "order_number", ReasonGarageSameOrder)
		}
	}
	if len(garage) >= MaxGarage {
		return Errorf(EGarageFull, "", ReasonGarageFull, MaxGarage)
	}
	return nil
}

// orderDigits returns the order number s without spaces and hyphens.
func orderDigits(s string) string {
	return strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s))
}

// garageKeys returns the normalised VIN and order number of v, checking
// them; at least one is set when err is nil.
func garageKeys(v Vehicle) (vin, order string, err error) {
	if v.VIN == "" && v.OrderNumber == "" {
		return "", "", Errorf(EInvalid, "vin", ReasonGarageNoIdentity)
	}
	if v.VIN != "" {
		d, err := DecodeVIN(v.VIN)
		if err != nil {
			return "", "", err
		}
		vin = d.VIN
	}
	if v.OrderNumber != "" {
		n, err := ParseOrderNumber(v.OrderNumber)
		if err != nil {
			return "", "", err
		}
		order = n.String()
	}
	return vin, order, nil
}
