package portal

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// usage is the command's help.
const usage = `usage:
  portal serve --addr 127.0.0.1:8080 --db FILE --public-url URL [--mail-dir DIR | --smtp HOST:PORT] [--demo]
  portal enroll-code --db FILE --dealer CODE
  portal import --db FILE KIND FILE.csv   (KIND: dealers, vehicles, orders, recalls, offers, sales)
`

// Main runs the portal command with its arguments (without the program
// name) and returns the exit code. It stops serving when ctx is done.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serveCmd(ctx, args[1:], stderr)
	case "enroll-code":
		err = enrollCodeCmd(ctx, args[1:], stdout, stderr)
	case "import":
		err = importCmd(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprint(stderr, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "portal:", err)
		return 1
	}
	return 0
}

func enrollCodeCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("enroll-code", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the portal's database `file`")
	dealer := fs.String("dealer", "", "the dealer's 6-digit `code`")
	ttl := fs.Duration("ttl", 72*time.Hour, "how long the code stays valid")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" || *dealer == "" {
		return errors.New("enroll-code needs --db and --dealer")
	}
	st, err := OpenSQLite(ctx, *db, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	code, err := st.NewEnrollCode(ctx, *dealer, *ttl)
	if err != nil {
		return fmt.Errorf("dealer %s: %w", *dealer, err)
	}
	fmt.Fprintln(stdout, code)
	return nil
}

func serveCmd(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	db := fs.String("db", "", "the portal's database `file`")
	public := fs.String("public-url", "", "the portal's `URL` as customers reach it (for e-mail links)")
	mailDir := fs.String("mail-dir", "mail", "`folder` for confirmation e-mails as .eml files")
	smtpAddr := fs.String("smtp", "", "send e-mail through this SMTP relay (`host:port`) instead of the mail folder")
	demoData := fs.Bool("demo", false, "load the generated demo data into an empty database")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" {
		return errors.New("serve needs --db")
	}
	// E-mail goes one way: the default folder is dropped for SMTP, so a
	// folder given as well would silently stay empty.
	if *smtpAddr != "" && flagSet(fs, "mail-dir") {
		return errors.New("serve takes --mail-dir or --smtp, not both: e-mail goes to the mail folder or through the SMTP relay")
	}
	if *public == "" {
		*public = "http://" + *addr
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	st, err := OpenSQLite(ctx, *db, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if *demoData {
		start := time.Now()
		ds, err := LoadDemo(ctx, st, time.Now())
		if err != nil {
			return err
		}
		if ds.Customers > 0 {
			log.Info("demo data loaded", "dealer", ds.Dealer, "dealers", ds.Dealers, "customers", ds.Customers,
				"registry", ds.Records, "sales", ds.Sales, "took", time.Since(start).Round(time.Millisecond))
		}
	}
	st.OnInternalError(func(err error) { log.Error("mutation failed in the store", "err", err) })
	var mailer Mailer = DirMailer{Dir: *mailDir}
	if *smtpAddr != "" {
		mailer = SMTPMailer{Addr: *smtpAddr}
	}
	handler := NewServer(Config{Store: st, Mailer: mailer, PublicURL: *public, Log: log})
	mailCtx, stopMail := context.WithCancel(context.Background())
	mailDone := make(chan struct{})
	go func() { handler.DeliverMail(mailCtx); close(mailDone) }()
	defer func() { stopMail(); <-mailDone }()
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	log.Info("portal listening", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// flagSet reports whether the command line gave the flag, even with its
// default value.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func importCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the portal's database `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" || fs.NArg() != 2 {
		return errors.New("usage: portal import --db FILE KIND FILE.csv")
	}
	kind, name := fs.Arg(0), fs.Arg(1)
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := OpenSQLite(ctx, *db, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Import(ctx, kind, f)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing imported)", name, err)
	}
	fmt.Fprintf(stdout, "%d %s imported\n", n, kind)
	return nil
}
