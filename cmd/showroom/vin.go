package main

import (
	"encoding/json"
	"fmt"
	"io"

	showroom "github.com/myrenault/showroom"
)

// cmdVIN prints the decode of a VIN as JSON in the shape of the portal's
// VIN endpoint. Exit 0 for a valid VIN (warnings go to stderr), 2 with the
// error for an invalid one.
func cmdVIN(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: showroom vin VIN")
		return 2
	}
	d, err := showroom.DecodeVIN(args[0])
	if err != nil {
		fmt.Fprintln(stderr, "showroom: invalid VIN:", err)
		return 2
	}
	for _, w := range d.Warnings {
		fmt.Fprintln(stderr, "showroom: warning:", w)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		fmt.Fprintln(stderr, "showroom:", err)
		return 1
	}
	return 0
}
