// Package printing makes the documents a showroom hands to customers — the
// Welcome Pack sheet and offer coupons, as A4 PDFs in Russian or English,
// with QR codes — and sends a PDF to a CUPS printer. Coupon codes and their
// signed QR payloads are the domain's (showroom.NewCouponCode,
// showroom.SignCoupon), so that the portal verifies them without this
// package.
//
// Errors people act on are *showroom.Error values: showroom.EPrinterNotFound,
// showroom.EPrintUnavailable and showroom.EPrintFailed.
package printing
