package portal

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/myrenault/showroom"
)

// importers are the feeds of IMPORT.md.
var importers = map[string]importer{
	"dealers":  {header: []string{"code", "name", "region", "city", "address", "phone", "email", "lat", "lon"}, row: importDealer},
	"vehicles": {header: []string{"vin", "model", "version", "body", "engine_number", "build_date", "equipment"}, row: importVehicle},
	"orders":   {header: []string{"order_number", "status", "at", "vin"}, row: importOrder},
	"recalls":  {header: []string{"campaign", "date", "title", "text", "remedy", "free", "vins"}, row: importRecall},
	"offers": {header: []string{"id", "title", "value", "conditions", "models", "min_age_months", "max_age_months",
		"min_mileage", "max_mileage", "dealers", "regions", "valid_from", "valid_to"}, row: importOffer},
	"sales": {header: []string{"vin", "dealer", "date", "kind", "staff_id"},
		optional: []string{"engine_number", "last_name", "first_name", "email", "phone"}, row: importSale},
}

func importDealer(l *Loader, r *row) error {
	var d showroom.Dealer
	var err error
	if d.Code, err = r.dealerCode("code"); err != nil {
		return err
	}
	if d.Name, err = r.required("name"); err != nil {
		return err
	}
	if d.Region, err = r.required("region"); err != nil {
		return err
	}
	d.City, d.Address, d.Phone, d.Email = r.str("city"), r.str("address"), r.str("phone"), r.str("email")
	if d.Lat, err = r.float("lat"); err != nil {
		return err
	}
	if d.Lon, err = r.float("lon"); err != nil {
		return err
	}
	return l.Dealer(d)
}

func importVehicle(l *Loader, r *row) error {
	var v showroom.FactoryRecord
	var err error
	if v.VIN, err = r.vin("vin"); err != nil {
		return err
	}
	if v.Model, err = r.required("model"); err != nil {
		return err
	}
	v.Version, v.Body = r.str("version"), r.str("body")
	if v.EngineNumber, err = showroom.NormalizeEngineNumber(r.str("engine_number")); err != nil {
		return r.fail("engine_number", err)
	}
	if v.BuildDate, err = r.date("build_date", false); err != nil {
		return err
	}
	v.Equipment = r.list("equipment")
	return l.Record(v)
}

// importOrder moves an order to a status at a time, appending to its
// history; an order not yet known is created. The VIN, once built, sticks.
func importOrder(l *Loader, r *row) error {
	n, err := showroom.ParseOrderNumber(r.str("order_number"))
	if err != nil {
		return r.fail("order_number", err)
	}
	st, err := strconv.Atoi(r.str("status"))
	if err != nil || !showroom.OrderStatus(st).Valid() {
		return r.fail("status", errors.New("must be 1, 2, 3 or 4"))
	}
	at, err := r.date("at", false)
	if err != nil {
		return err
	}
	o := showroom.Order{Number: n.String()}
	var data string
	err = l.m.queryRow(`SELECT data FROM orders WHERE number = ?`, o.Number).Scan(&data)
	switch {
	case err == nil:
		if err := json.Unmarshal([]byte(data), &o); err != nil {
			return err
		}
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	o.Status = showroom.OrderStatus(st)
	o.History = append(o.History, showroom.OrderEvent{Status: o.Status, At: at})
	if r.str("vin") != "" {
		if o.VIN, err = r.vin("vin"); err != nil {
			return err
		}
	}
	return l.Order(o)
}

func importRecall(l *Loader, r *row) error {
	var c showroom.Recall
	var err error
	if c.Campaign, err = r.required("campaign"); err != nil {
		return err
	}
	if c.Date, err = r.date("date", false); err != nil {
		return err
	}
	if c.Title, err = r.required("title"); err != nil {
		return err
	}
	c.Text, c.Remedy = r.str("text"), r.str("remedy")
	switch r.str("free") {
	case "yes", "true", "1":
		c.Free = true
	case "no", "false", "0", "":
	default:
		return r.fail("free", errors.New("must be yes or no"))
	}
	for _, v := range r.list("vins") {
		d, err := showroom.DecodeVIN(v)
		if err != nil {
			return r.fail("vins", fmt.Errorf("%s: %w", v, err))
		}
		c.VINs = append(c.VINs, d.VIN)
	}
	return l.Recall(c)
}

func importOffer(l *Loader, r *row) error {
	var o showroom.Offer
	var err error
	if o.ID, err = r.required("id"); err != nil {
		return err
	}
	if o.Title, err = r.required("title"); err != nil {
		return err
	}
	o.Value, o.Conditions, o.Models = r.str("value"), r.str("conditions"), r.list("models")
	for _, p := range []struct {
		name string
		to   *int
	}{{"min_age_months", &o.MinAgeMonths}, {"max_age_months", &o.MaxAgeMonths}, {"min_mileage", &o.MinMileage}, {"max_mileage", &o.MaxMileage}} {
		if *p.to, err = r.number(p.name); err != nil {
			return err
		}
	}
	o.Dealers, o.Regions = r.list("dealers"), r.list("regions")
	for _, d := range o.Dealers {
		if len(d) != 6 {
			return r.fail("dealers", errors.New("must be 6-digit dealer codes separated by ;"))
		}
	}
	if o.ValidFrom, err = r.date("valid_from", false); err != nil {
		return err
	}
	if o.ValidTo, err = r.date("valid_to", false); err != nil {
		return err
	}
	if o.ValidTo.Before(o.ValidFrom) {
		return r.fail("valid_to", errors.New("is before valid_from"))
	}
	return l.Offer(o)
}

func importSale(l *Loader, r *row) error {
	var s showroom.Sale
	var err error
	if s.VIN, err = r.vin("vin"); err != nil {
		return err
	}
	if s.DealerCode, err = r.dealerCode("dealer"); err != nil {
		return err
	}
	if s.Date, err = r.date("date", false); err != nil {
		return err
	}
	switch k := showroom.SaleKind(r.str("kind")); k {
	case showroom.SaleRetail, showroom.SaleCorporate:
		s.Kind = k
	default:
		return r.fail("kind", errors.New("must be retail or corporate"))
	}
	s.StaffID = r.str("staff_id")
	if err := l.Sale(s); err != nil {
		return err
	}
	if s.Kind != showroom.SaleRetail {
		return nil // a company's car: nobody to make an account for
	}
	b, ok, err := r.buyer()
	if err != nil || !ok {
		return err
	}
	_, err = l.WelcomePackAccount(s, b)
	if showroom.ErrorCode(err) == showroom.EEngineMismatch {
		return r.fail("engine_number", err)
	}
	return err
}
