package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
)

const staffUsage = `showroom staff — the dealer's staff on this device

  showroom staff list [--data DIR]
  showroom staff add --name NAME --role sales|service|admin [--data DIR]
  showroom staff pin --id ID [--data DIR]     reads the new PIN (6 to 12 digits) from standard input

Staff normally come from the portal; "add" makes the first administrator of
a device before the portal has sent anyone. A PIN is never given on the
command line, where other users of the machine could see it.
`

// cmdStaff runs "showroom staff …"; it returns the exit code.
func cmdStaff(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, staffUsage)
		return 2
	}
	fs := flag.NewFlagSet("staff "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data folder")
	name := fs.String("name", "", "the staff member's name")
	role := fs.String("role", "", "sales, service or admin")
	id := fs.String("id", "", "the staff member's ID (see list)")
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, staffUsage)
		return 0
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	dir := *data
	if dir == "" {
		var err error
		if dir, err = defaultDataDir(false); err != nil {
			fmt.Fprintln(stderr, "showroom staff:", err)
			return 1
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fmt.Fprintln(stderr, "showroom staff:", err)
		return 1
	}
	db, err := localdb.Open(ctx, dbPath(dir), localdb.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "showroom staff:", err)
		return 1
	}
	defer db.Close()
	switch args[0] {
	case "list":
		err = staffList(ctx, db, stdout)
	case "add":
		err = staffAdd(ctx, db, *name, showroom.Role(*role), stdout)
	case "pin":
		err = staffPIN(ctx, db, *id, stdin, stdout)
	default:
		fmt.Fprint(stderr, staffUsage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "showroom staff:", err)
		return 1
	}
	return 0
}

func dealerCode(ctx context.Context, db *localdb.DB) (string, error) {
	code, err := db.Setting(ctx, localdb.SettingDealerCode)
	if showroom.ErrorCode(err) == showroom.ENotFound {
		return "", errors.New("this device has no dealer yet: enrol it first (showroom enroll)")
	}
	return code, err
}

func staffList(ctx context.Context, db *localdb.DB, out io.Writer) error {
	code, err := dealerCode(ctx, db)
	if err != nil {
		return err
	}
	us, err := db.StaffMembers(ctx, code)
	if err != nil {
		return err
	}
	for _, u := range us {
		fmt.Fprintf(out, "%s\t%s\t%s\n", u.ID, u.Role, u.Name)
	}
	return nil
}

func staffAdd(ctx context.Context, db *localdb.DB, name string, role showroom.Role, out io.Writer) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("--name is required")
	}
	if role != showroom.RoleSales && role != showroom.RoleService && role != showroom.RoleAdmin {
		return errors.New("--role must be sales, service or admin")
	}
	u, err := addLocalStaff(ctx, db, name, role)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s\n", u.ID)
	return nil
}

// addLocalStaff adds a staff member of the device's dealer on this device
// only, for the time before the portal sends the dealer's staff. Errors:
// an EInvalidName error for the name, EInvalid for the role, and an error
// when the device has no dealer yet.
func addLocalStaff(ctx context.Context, db *localdb.DB, name string, role showroom.Role) (showroom.StaffUser, error) {
	name, err := showroom.NormalizeName("name", name)
	if err != nil {
		return showroom.StaffUser{}, err
	}
	if role != showroom.RoleSales && role != showroom.RoleService && role != showroom.RoleAdmin {
		return showroom.StaffUser{}, showroom.Errorf(showroom.EInvalid, "role", "invalid")
	}
	code, err := dealerCode(ctx, db)
	if err != nil {
		return showroom.StaffUser{}, err
	}
	u := showroom.StaffUser{ID: fmt.Sprintf("%s-L%d", code, time.Now().UnixNano()%1_000_000_000), DealerCode: code,
		Name: name, Role: role, Active: true}
	err = db.Update(ctx, func(tx *localdb.Tx) error { return tx.PutStaffUser(u) })
	return u, err
}

func staffPIN(ctx context.Context, db *localdb.DB, id string, in io.Reader, out io.Writer) error {
	if id == "" {
		return errors.New("--id is required (see showroom staff list)")
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	pin := strings.TrimSpace(line)
	if err := db.SetStaffPIN(ctx, id, pin); err != nil {
		var e *showroom.Error
		if errors.As(err, &e) && e.Code == showroom.EInvalid {
			return errors.New("a PIN is 6 to 12 digits")
		}
		if errors.As(err, &e) && e.Code == showroom.ENotFound {
			return fmt.Errorf("no staff member %s (see showroom staff list)", id)
		}
		return err
	}
	fmt.Fprintln(out, "PIN set")
	return nil
}
