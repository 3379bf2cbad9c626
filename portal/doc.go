// Package portal is the reference central My Renault portal that showrooms
// sync with: the HTTP API of ../shared/API.md, its store, mailer, feed
// imports and KPI reports. Package portal/api holds the wire types it shares
// with the showroom's sync engine.
package portal
