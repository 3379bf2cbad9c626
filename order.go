package showroom

import "time"

// OrderStatus is one of the four statuses of a factory order (DistriNet).
type OrderStatus int

// Order statuses, in the order a car goes through them.
const (
	OrderReceived     OrderStatus = 1 // «Ваш заказ автомобиля получен и находится на стадии обработки»
	OrderInProduction OrderStatus = 2 // «Ваш автомобиль находится в процессе производства»
	OrderOnTheWay     OrderStatus = 3 // «Ваш автомобиль направляется в дилерский центр»
	OrderAtDealer     OrderStatus = 4 // «Автомобиль находится в дилерском центре и ожидает Вас»
)

// OrderEvent is one status change with its time.
type OrderEvent struct {
	Status OrderStatus `json:"status"`
	At     time.Time   `json:"at"`
}

// Order is a factory order of a car for a customer.
type Order struct {
	// Number is the 13-digit order number: dealer code + request number.
	Number      string       `json:"number"`
	CustomerRef string       `json:"customer_ref,omitempty"`
	Status      OrderStatus  `json:"status"`
	History     []OrderEvent `json:"history"`
	// VIN is known once the car is built.
	VIN string `json:"vin,omitempty"`
	// AnnouncedAt is when staff told the customer the car arrived; from
	// then on the customer sees the arrival without the 5-day delay.
	AnnouncedAt time.Time `json:"announced_at,omitzero"`
}
