// Package widget holds the kiosk's custom widgets: the on-screen keyboard
// the app draws itself (operating-system keyboards fail over a full-screen
// window), the field that tells the keyboard it has the focus, and the QR
// code view.
package widget
