// Package showroom holds the domain of the dealer-showroom application of the
// "My Renault" customer programme: its types, its rules (VINs, order numbers,
// contact data, the virtual garage, profile completeness, order status
// visibility) and the error codes every layer shares.
//
// The package depends on the standard library only, so its rules are tested in
// milliseconds and shared by the showroom app and the reference portal.
package showroom

import "time"

// Gender as the cabinet's "Пол" field records it; the zero value means not given.
type Gender string

// Genders.
const (
	GenderUnknown Gender = ""
	GenderMale    Gender = "male"
	GenderFemale  Gender = "female"
)

// Channel is the customer's preferred way of communication
// ("Предпочтительный способ коммуникации").
type Channel string

// Channels.
const (
	ChannelNone  Channel = ""
	ChannelEmail Channel = "email"
	ChannelSMS   Channel = "sms"
	ChannelPhone Channel = "phone"
)

// CustomerState is the life cycle of a My Renault account as the portal
// reports it.
type CustomerState string

// Customer states. A registration made on a device is pending until the
// customer opens the link in the confirmation e-mail.
const (
	StatePending   CustomerState = "pending"
	StateActive    CustomerState = "active"
	StateWithdrawn CustomerState = "withdrawn"
)

// Source says where a registration was made.
type Source string

// Sources.
const (
	SourceKiosk       Source = "kiosk"
	SourceStaff       Source = "staff"
	SourceWelcomePack Source = "welcome_pack"
	SourcePortal      Source = "portal"
)

// PersonalData is the cabinet's «Мои личные данные». The password is never
// part of it: the customer sets it through the e-mail link.
type PersonalData struct {
	FirstName        string    `json:"first_name"`
	LastName         string    `json:"last_name"`
	Gender           Gender    `json:"gender,omitempty"`
	BirthDate        time.Time `json:"birth_date,omitzero"`
	Email            string    `json:"email"`
	PreferredChannel Channel   `json:"preferred_channel,omitempty"`
	// MarketingConsent is «Согласие на коммуникацию»: consent to receive
	// offers and news. The consent records themselves are Consent values.
	MarketingConsent bool `json:"marketing_consent"`
}

// Contacts is the cabinet's «Мои контакты». Phones are stored normalised
// (see NormalizePhone).
type Contacts struct {
	Country         string `json:"country,omitempty"`
	Region          string `json:"region,omitempty"`
	Postcode        string `json:"postcode,omitempty"`
	City            string `json:"city,omitempty"`
	District        string `json:"district,omitempty"`
	StreetType      string `json:"street_type,omitempty"`
	Street          string `json:"street,omitempty"`
	House           string `json:"house,omitempty"`
	Flat            string `json:"flat,omitempty"`
	HomePhone       string `json:"home_phone,omitempty"`
	MobilePhone     string `json:"mobile_phone,omitempty"`
	MobilePhoneType string `json:"mobile_phone_type,omitempty"`
	WorkPhone       string `json:"work_phone,omitempty"`
}

// AdditionalInfo is the cabinet's «Дополнительные сведения».
type AdditionalInfo struct {
	// Children is nil when the customer has not answered; zero children is
	// an answer.
	Children   *int     `json:"children,omitempty"`
	Interests  []string `json:"interests,omitempty"`
	Profession string   `json:"profession,omitempty"`
}

// FutureCar is «Мой будущий Renault» of «Мои предпочтения»: the car the
// customer would like next, configured from the model catalogue
// (ModelInfo's bodies, engines, trims, gearboxes and colours).
type FutureCar struct {
	Model   string `json:"model"`
	Body    string `json:"body,omitempty"`
	Engine  string `json:"engine,omitempty"`
	Trim    string `json:"trim,omitempty"`
	Gearbox string `json:"gearbox,omitempty"`
	Colour  string `json:"colour,omitempty"`
}

// Customer is a My Renault customer as a showroom knows them.
type Customer struct {
	// Ref identifies the customer on the device that registered them (a UUID
	// made there); it is the key that survives until the portal assigns ID.
	Ref string `json:"customer_ref"`
	// ID is the portal's customer ID, the Welcome Pack login; empty until
	// the portal has answered.
	ID         string         `json:"customer_id,omitempty"`
	State      CustomerState  `json:"state"`
	DealerCode string         `json:"dealer_code"`
	Source     Source         `json:"source"`
	StaffID    string         `json:"staff_id,omitempty"`
	Personal   PersonalData   `json:"personal"`
	Contacts   Contacts       `json:"contacts"`
	Extra      AdditionalInfo `json:"extra"`
	// FutureCar is «Мой будущий Renault»; nil until the customer (or staff
	// for them) configured one.
	FutureCar *FutureCar `json:"future_car,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// FullName is "Имя Фамилия" as the cabinet's greeting shows it.
func (c Customer) FullName() string {
	switch {
	case c.Personal.FirstName == "":
		return c.Personal.LastName
	case c.Personal.LastName == "":
		return c.Personal.FirstName
	}
	return c.Personal.FirstName + " " + c.Personal.LastName
}
