// Package e2e proves the product the way its people use it: the real
// portal process on loopback with its mail folder, a cupsd of the run's own
// with a queue that keeps every job as a file, and the app's real windows,
// the kiosk and the sales desk each in a virtual display of its own,
// driven by taps and typing as customers and staff do: a registration at
// the kiosk with its congratulations, its e-mail's link, the handover at
// the desk with the Welcome Pack and a coupon printed and their QR codes
// read back, and a registration through a portal restart. Its test builds the app and the portal itself and needs the
// e2e build tag; `make e2e` runs it, and `make test` ends with it.
// Screenshots of every step and the processes' logs are kept in
// build/e2e; a failure names its step and the screenshot of the screen as
// it was.
package e2e
