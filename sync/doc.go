// Package sync keeps a showroom and the central My Renault portal in step:
// the resty client of ../shared/API.md, the outbox pusher, the change-feed
// puller and device enrolment. A file needing the standard library's sync
// imports it as stdsync.
package sync
