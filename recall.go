package showroom

import "time"

// Recall is a recall campaign («Отзывная кампания»), e.g. notice 0BCF of
// 31 January 2012 for the Fluence's power-steering wiring harness.
type Recall struct {
	Campaign string    `json:"campaign"`
	Date     time.Time `json:"date"`
	Title    string    `json:"title"`
	// Text says what is wrong; Remedy what the dealer will do.
	Text   string   `json:"text"`
	Remedy string   `json:"remedy"`
	Free   bool     `json:"free"`
	VINs   []string `json:"vins,omitempty"`
}
