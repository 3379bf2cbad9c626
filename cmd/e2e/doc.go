// Package e2e proves the product the way its people use it: the real
// portal process on loopback with its mail folder and the app's real
// windows in a virtual display, driven by taps and typing as customers and
// staff do. Its test builds the app and the portal itself and needs the
// e2e build tag; `make e2e` runs it, and `make test` ends with it.
// Screenshots of every step and the processes' logs are kept in
// build/e2e; a failure names its step and the screenshot of the screen as
// it was.
package e2e
