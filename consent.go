package showroom

import "time"

// Consent purposes.
const (
	PurposePersonalData = "personal_data"
	PurposeMarketing    = "marketing"
)

// Consent is the record of one consent given: which text (version and
// SHA-256 of the text shown), for what, when, on which device and with which
// staff member's help.
type Consent struct {
	CustomerRef string    `json:"customer_ref"`
	TextVersion string    `json:"text_version"`
	TextSHA256  string    `json:"text_sha256"`
	Purpose     string    `json:"purpose"`
	Marketing   bool      `json:"marketing"`
	GivenAt     time.Time `json:"given_at"`
	DeviceID    string    `json:"device_id,omitempty"`
	StaffID     string    `json:"staff_id,omitempty"`
	WithdrawnAt time.Time `json:"withdrawn_at,omitzero"`
}
