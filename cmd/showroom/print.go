package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/printing"
)

const printUsage = `showroom print — make (and print) customer documents

  showroom print welcome-pack --customer ID [--out FILE.pdf] [--printer NAME] [--data DIR] [--lang ru|en] [--portal URL]
  showroom print coupon --offer ID --vin VIN [--out FILE.pdf] [--printer NAME] [--data DIR] [--lang ru|en]

The PDF is always saved (by default in the "printed" folder of the data
folder); with --printer it is also sent to that CUPS printer queue.
`

// printOpts are the flags both print subcommands share.
type printOpts struct {
	out, printer, data, lang string
}

func (o *printOpts) register(fs *flag.FlagSet) {
	fs.StringVar(&o.out, "out", "", "where to save the PDF")
	fs.StringVar(&o.printer, "printer", "", "CUPS printer queue to print on")
	fs.StringVar(&o.data, "data", "", "data folder")
	fs.StringVar(&o.lang, "lang", "ru", "language of the document: ru or en")
}

// cmdPrint runs "showroom print …"; it returns the exit code.
func cmdPrint(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, printUsage)
		return 2
	}
	var run func(context.Context, []string, io.Writer, io.Writer) error
	switch args[0] {
	case "welcome-pack":
		run = printWelcomePack
	case "coupon":
		run = printCoupon
	case "help", "-h", "--help":
		fmt.Fprint(stdout, printUsage)
		return 0
	default:
		fmt.Fprintf(stderr, "showroom print: unknown document %q\n%s", args[0], printUsage)
		return 2
	}
	err := run(ctx, args[1:], stdout, stderr)
	var usage usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &usage):
		if usage != "" {
			fmt.Fprintln(stderr, "showroom print:", string(usage))
		}
		fmt.Fprint(stderr, printUsage)
		return 2
	}
	fmt.Fprintln(stderr, "showroom print:", err)
	return 1
}

// usageError is a command line that cannot be run.
type usageError string

func (e usageError) Error() string { return string(e) }

// parsePrintFlags parses args, which must name every required flag.
func parsePrintFlags(fs *flag.FlagSet, args []string, stderr io.Writer, required map[string]*string) error {
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		return usageError("")
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	for name, v := range required {
		if strings.TrimSpace(*v) == "" {
			return usageError("--" + name + " is required")
		}
	}
	return nil
}

// lang checks --lang.
func (o *printOpts) language() (showroom.Lang, error) {
	switch l := showroom.Lang(o.lang); l {
	case showroom.Russian, showroom.English:
		return l, nil
	}
	return "", usageError(fmt.Sprintf("--lang %q: choose ru or en", o.lang))
}

// openStore opens the existing store of the data folder; printing never
// creates one.
func (o *printOpts) openStore(ctx context.Context) (*localdb.DB, error) {
	if o.data == "" {
		dir, err := defaultDataDir(false)
		if err != nil {
			return nil, err
		}
		o.data = dir
	}
	if _, err := os.Stat(dbPath(o.data)); err != nil {
		return nil, fmt.Errorf("no store in the data folder %s (choose one with --data)", o.data)
	}
	return localdb.Open(ctx, dbPath(o.data), localdb.Options{})
}

// finish prints doc when --printer is given and says what happened; the
// PDF stays on disk either way.
func (o *printOpts) finish(ctx context.Context, d *printDesk, doc document, stdout io.Writer) error {
	fmt.Fprintln(stdout, "saved", doc.Path)
	if o.printer == "" {
		return nil
	}
	job, err := d.print(ctx, o.printer, doc)
	if err != nil {
		return o.explain(err)
	}
	fmt.Fprintf(stdout, "printed on %s as job %s\n", o.printer, job.ID)
	return nil
}

// explain puts the person's sentence, in --lang, before the raw error.
func (o *printOpts) explain(err error) error {
	lang, _ := o.language()
	var e *showroom.Error
	if errors.As(err, &e) {
		return fmt.Errorf("%s\n  (%v)", e.Text(lang), err)
	}
	return err
}

// printWelcomePack makes the Welcome Pack of one customer (see
// printDesk.welcomePack).
func printWelcomePack(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o printOpts
	var customerID, portal string
	fs := flag.NewFlagSet("print welcome-pack", flag.ContinueOnError)
	o.register(fs)
	fs.StringVar(&customerID, "customer", "", "the customer ID (the Welcome Pack login)")
	fs.StringVar(&portal, "portal", "", "the portal's address (default: the enrolled one)")
	if err := parsePrintFlags(fs, args, stderr, map[string]*string{"customer": &customerID}); err != nil {
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
	d.portalURL = portal
	doc, err := d.welcomePack(ctx, customerID, lang, o.out)
	if err != nil {
		return o.explain(err)
	}
	return o.finish(ctx, d, doc, stdout)
}

// welcomePackData gathers the customer, the car (the last one added with a
// VIN, completed from the factory registry) and the dealer.
func welcomePackData(ctx context.Context, db *localdb.DB, customerID string) (printing.WelcomePack, error) {
	var w printing.WelcomePack
	c, err := db.CustomerByID(ctx, customerID)
	if err != nil {
		return w, fmt.Errorf("customer %s: %w", customerID, err)
	}
	w.Customer = c
	garage, err := db.Garage(ctx, c.Ref)
	if err != nil {
		return w, err
	}
	for _, v := range garage {
		if v.VIN != "" {
			w.Vehicle = v
		}
	}
	if w.Vehicle.VIN == "" {
		return w, fmt.Errorf("customer %s has no car with a VIN in the virtual garage", customerID)
	}
	completeFromRegistry(ctx, db, &w.Vehicle)
	w.Dealer, err = dealerOf(ctx, db, c.DealerCode)
	return w, err
}

// completeFromRegistry fills the model and version the garage lacks from
// the factory registry, when it knows the VIN.
func completeFromRegistry(ctx context.Context, db *localdb.DB, v *showroom.Vehicle) {
	if v.Model != "" && v.Version != "" {
		return
	}
	if r, err := db.FactoryRecord(ctx, v.VIN); err == nil {
		v.Model = orElse(v.Model, r.Model)
		v.Version = orElse(v.Version, r.Version)
	}
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// dealerOf returns the dealer with code, or this device's dealer when code
// is empty; a dealer the directory lacks is left empty.
func dealerOf(ctx context.Context, db *localdb.DB, code string) (showroom.Dealer, error) {
	if code == "" {
		c, err := db.Setting(ctx, localdb.SettingDealerCode)
		if err != nil && showroom.ErrorCode(err) != showroom.ENotFound {
			return showroom.Dealer{}, err
		}
		code = c
	}
	if code == "" {
		return showroom.Dealer{}, nil
	}
	d, err := db.Dealer(ctx, code)
	if showroom.ErrorCode(err) == showroom.ENotFound {
		return showroom.Dealer{Code: code}, nil
	}
	return d, err
}
