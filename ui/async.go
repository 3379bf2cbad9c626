package ui

import "fyne.io/fyne/v2"

// Async runs work off the UI goroutine and then runs the function work
// returns on the UI goroutine. Screens take one so that tests can apply
// results on the test's own goroutine, in order, instead of racing Fyne's
// caches from a background goroutine.
type Async func(work func() (apply func()))

// Background is the production Async: a goroutine for the work, fyne.Do for
// the result.
func Background(work func() (apply func())) {
	go func() {
		apply := work()
		fyne.Do(apply)
	}()
}
