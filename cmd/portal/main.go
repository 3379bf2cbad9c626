// Command portal is the reference My Renault portal that showrooms sync
// with: "portal serve" runs it, "portal enroll-code" makes a one-time code
// for a device, "portal import" loads a feed from CSV. See package portal.
package main

import (
	"context"
	"os"

	"github.com/myrenault/showroom/portal"
)

func main() {
	os.Exit(portal.Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
