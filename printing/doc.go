// Package printing makes the Welcome Pack sheet and offer coupon PDFs, with
// QR codes, and spools them to CUPS printers.
package printing
