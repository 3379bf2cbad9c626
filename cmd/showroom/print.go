package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

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

// save writes the PDF (to --out or the data folder's "printed" folder) and
// prints it when --printer is given. The PDF stays on disk either way.
func (o *printOpts) save(ctx context.Context, pdf []byte, name, title string, stdout io.Writer) error {
	path := o.out
	if path == "" {
		path = filepath.Join(o.data, "printed", name)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "saved", path)
	if o.printer == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	job, err := printing.Spooler{}.Print(ctx, o.printer, title, path)
	if err != nil {
		lang, _ := o.language()
		var e *showroom.Error
		if errors.As(err, &e) {
			return fmt.Errorf("%s\n  (%v)", e.Text(lang), err)
		}
		return err
	}
	fmt.Fprintf(stdout, "printed on %s as job %s\n", o.printer, job.ID)
	return nil
}

// printWelcomePack makes the Welcome Pack of one customer. Its QR code
// carries a fresh one-time activation code; the outbox tells the portal the
// code's SHA-256 (mutation welcome_pack.issue), never the code itself.
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

	if portal == "" {
		if portal, err = db.Setting(ctx, localdb.SettingPortalURL); err != nil {
			return errors.New("no portal address: enrol the device or pass --portal URL")
		}
	}
	w, err := welcomePackData(ctx, db, strings.TrimSpace(customerID))
	if err != nil {
		return err
	}
	code, err := showroom.NewActivationCode(nil)
	if err != nil {
		return err
	}
	w.ActivationURL = strings.TrimRight(portal, "/") + "/activate/" + code
	pdf, err := printing.WelcomePackPDF(w, lang)
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(code))
	err = db.Update(ctx, func(tx *localdb.Tx) error {
		_, err := tx.Enqueue("welcome_pack.issue", map[string]any{
			"customer_id": w.Customer.ID, "code_sha256": hex.EncodeToString(sum[:]),
			"issued_at": time.Now().UTC().Format(time.RFC3339)})
		return err
	})
	if err != nil {
		return err
	}
	return o.save(ctx, pdf, "welcome-pack-"+w.Customer.ID+".pdf", "My Renault Welcome Pack", stdout)
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

// deviceSigner returns the device's coupon prefix and signing key, making
// and storing them on first use. The portal is meant to assign the prefix
// and learn the public key at enrolment; until it does, a random prefix
// keeps clashes between devices unlikely (one in 810,000 for two devices).
func deviceSigner(ctx context.Context, db *localdb.DB) (string, ed25519.PrivateKey, error) {
	prefix, perr := db.Setting(ctx, localdb.SettingCouponPrefix)
	seed, kerr := db.Setting(ctx, localdb.SettingCouponKey)
	for _, err := range []error{perr, kerr} {
		if err != nil && showroom.ErrorCode(err) != showroom.ENotFound {
			return "", nil, err
		}
	}
	if perr != nil {
		var err error
		if prefix, err = showroom.NewDevicePrefix(nil); err != nil {
			return "", nil, err
		}
	}
	if kerr != nil {
		_, priv, err := showroom.NewDeviceKey(nil)
		if err != nil {
			return "", nil, err
		}
		seed = base64.StdEncoding.EncodeToString(priv.Seed())
	}
	if perr != nil || kerr != nil {
		err := db.Update(ctx, func(tx *localdb.Tx) error {
			if err := tx.SetSetting(localdb.SettingCouponPrefix, prefix); err != nil {
				return err
			}
			return tx.SetSetting(localdb.SettingCouponKey, seed)
		})
		if err != nil {
			return "", nil, err
		}
	}
	raw, err := base64.StdEncoding.DecodeString(seed)
	if err != nil || len(raw) != ed25519.SeedSize {
		return "", nil, errors.New("the device's coupon key is damaged")
	}
	return prefix, ed25519.NewKeyFromSeed(raw), nil
}
