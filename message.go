package showroom

import "time"

// Message is an entry of a customer's «Мои сообщения».
type Message struct {
	ID          string    `json:"id"`
	CustomerRef string    `json:"customer_ref"`
	Subject     string    `json:"subject"`
	Body        string    `json:"body"`
	At          time.Time `json:"at"`
	Read        bool      `json:"read"`
	Deleted     bool      `json:"deleted"`
}
