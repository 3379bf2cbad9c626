// Package demo generates realistic, deterministic demo data for the My Renault
// showroom: a dealer directory spread over Russia's regions, customers'
// cabinets (profile, virtual garage, factory orders, saved dealers, messages,
// consents), the factory registry, offers, recall campaigns, sales and a
// dealer's staff.
//
// The same seed and Sizes give the same data, byte for byte; another seed
// gives other data. Dates are placed around a fixed reference date
// (Sizes.Now), never the clock. Every entity is drawn from its own random
// stream keyed by the seed and its index, so cabinets, the registry and the
// sales stream in constant memory — a million customers never sit in memory
// at once — and cabinet i can be made without the others. Unique values
// (VINs, customer IDs, e-mails, mobile numbers, order numbers, refs) are
// unique by construction: each carries a bijection of its entity's index.
//
// The inputs — regions and cities, dealer groups, names, streets, Renault's
// Russian range with engines and trims, equipment, message texts, offers,
// recalls and the consent text — are small text tables in data/, embedded
// in the binary.
//
// The first customers form a fixed showcase (see showcase.go): the
// programme's example customer with the Fluence VF1LZBR0542606589 under
// recall 0BCF, and an order in each of the four statuses, one of which
// arrived at the dealer two days ago and waits to be announced.
package demo
