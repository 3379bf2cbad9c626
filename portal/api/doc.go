// Package api holds the JSON wire types of the portal's HTTP API, shared by
// the portal and the showroom's sync engine.
package api
