package main

import (
	"context"
	"flag"
	"io"
)

// printCoupon issues a coupon of an offer for one car (see
// printDesk.coupon).
func printCoupon(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o printOpts
	var offerID, vin string
	fs := flag.NewFlagSet("print coupon", flag.ContinueOnError)
	o.register(fs)
	fs.StringVar(&offerID, "offer", "", "the offer's ID")
	fs.StringVar(&vin, "vin", "", "the car's VIN")
	if err := parsePrintFlags(fs, args, stderr, map[string]*string{"offer": &offerID, "vin": &vin}); err != nil {
		return err
	}
	lang, err := o.language()
	if err != nil {
		return err
	}
	db, err := o.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	d := newPrintDesk(db, o.data)
	doc, err := d.coupon(ctx, offerID, vin, lang, o.out)
	if err != nil {
		return o.explain(err)
	}
	return o.finish(ctx, d, doc, stdout)
}
