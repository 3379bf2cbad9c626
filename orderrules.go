package showroom

import (
	"slices"
	"strings"
	"time"
)

// Parts of an order number: the dealer's code, then the customer request
// number the dealer's ordering system gave it.
const (
	dealerCodeDigits  = 6
	requestDigits     = 7
	orderNumberDigits = dealerCodeDigits + requestDigits
)

// ArrivalDelay is how long after a car arrives at the dealer the customer
// sees it there: the programme gives the sales manager the time to be the
// first to tell the good news.
const ArrivalDelay = 5 * 24 * time.Hour

// OrderNumber is a factory order number: dealer 006122 and request 0040234
// make 0061220040234.
type OrderNumber struct {
	Dealer  string // 6 digits
	Request string // 7 digits
}

// String returns the 13-digit order number.
func (n OrderNumber) String() string { return n.Dealer + n.Request }

// ParseOrderNumber parses an order number as a person types it: space
// around it is trimmed, and spaces and hyphens inside it, which people add
// to group the digits ("006122-0040234"), are ignored. What remains must be
// 13 digits.
//
// Errors are *Error with Code EInvalidOrder, Field "order_number" and reason
// ReasonOrderEmpty, ReasonOrderCharacter (with the position in the trimmed
// input and the character) or ReasonOrderLength (with the digits found).
func ParseOrderNumber(s string) (OrderNumber, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return OrderNumber{}, orderError(ReasonOrderEmpty)
	}
	digits := make([]byte, 0, orderNumberDigits)
	pos := 0
	for _, r := range s {
		pos++
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == ' ' || r == '-':
		default:
			return OrderNumber{}, orderError(ReasonOrderCharacter, pos, r)
		}
	}
	if len(digits) != orderNumberDigits {
		return OrderNumber{}, orderError(ReasonOrderLength, len(digits))
	}
	return OrderNumber{Dealer: string(digits[:dealerCodeDigits]), Request: string(digits[dealerCodeDigits:])}, nil
}

// MakeOrderNumber builds the order number of a dealer code and a request
// number. Both are numbers written with leading zeros, so shorter ones are
// padded: dealer "6122" and request "40234" make 0061220040234.
//
// Errors are *Error with Code EInvalidOrder: Field "dealer_code" and
// ReasonDealerCode when the dealer code is not 1 to 6 digits, Field
// "request" and ReasonRequestNumber when the request is not 1 to 7 digits.
func MakeOrderNumber(dealer, request string) (OrderNumber, error) {
	dealer, request = strings.TrimSpace(dealer), strings.TrimSpace(request)
	d, ok := padDigits(dealer, dealerCodeDigits)
	if !ok {
		return OrderNumber{}, Errorf(EInvalidOrder, "dealer_code", ReasonDealerCode)
	}
	r, ok := padDigits(request, requestDigits)
	if !ok {
		return OrderNumber{}, Errorf(EInvalidOrder, "request", ReasonRequestNumber)
	}
	return OrderNumber{Dealer: d, Request: r}, nil
}

// padDigits left-pads s, 1 to n ASCII digits, with zeros to n digits.
func padDigits(s string, n int) (string, bool) {
	if s == "" || len(s) > n || !isDigits(s, len(s)) {
		return "", false
	}
	return strings.Repeat("0", n-len(s)) + s, true
}

func orderError(r Reason, args ...any) *Error {
	return Errorf(EInvalidOrder, "order_number", r, args...)
}

// orderStatusTexts are the customer's texts of the four statuses; the
// Russian ones are the programme's own.
var orderStatusTexts = map[OrderStatus]text{
	OrderReceived:     {"Your car order has been received and is being processed", "Ваш заказ автомобиля получен и находится на стадии обработки"},
	OrderInProduction: {"Your car is being built", "Ваш автомобиль находится в процессе производства"},
	OrderOnTheWay:     {"Your car is on its way to the dealership", "Ваш автомобиль направляется в дилерский центр"},
	OrderAtDealer:     {"Your car is at the dealership and waiting for you", "Автомобиль находится в дилерском центре и ожидает Вас"},
}

// Valid reports whether s is one of the four statuses.
func (s OrderStatus) Valid() bool { return s >= OrderReceived && s <= OrderAtDealer }

// Text returns the status as the customer reads it; Russian, or English for
// any other language; "" for an invalid status.
func (s OrderStatus) Text(l Lang) string {
	t, ok := orderStatusTexts[s]
	if !ok {
		return ""
	}
	if l == Russian {
		return t.ru
	}
	return t.en
}

// StaffStatus returns the order's true status, which staff see: Status, or
// when that is not set, the latest status in History.
func (o Order) StaffStatus() OrderStatus {
	if o.Status.Valid() {
		return o.Status
	}
	var s OrderStatus
	var at time.Time
	for _, e := range o.History {
		if e.Status.Valid() && !e.At.Before(at) {
			s, at = e.Status, e.At
		}
	}
	return s
}

// CustomerStatus returns the status the customer sees at now: the true one,
// except that a car at the dealer is shown as on its way until ArrivalDelay
// after its arrival, or until staff announced it (AnnouncedAt not after now),
// whichever comes first. An arrival without its date in History counts as
// not yet visible: only the announcement reveals it.
func (o Order) CustomerStatus(now time.Time) OrderStatus {
	s := o.StaffStatus()
	if s == OrderAtDealer && !o.arrivalVisible(now) {
		return OrderOnTheWay
	}
	return s
}

// ArrivalVisibleAt returns when the customer sees the car at the dealer:
// the earlier of the announcement and ArrivalDelay after the arrival event,
// and false when neither is known.
func (o Order) ArrivalVisibleAt() (time.Time, bool) {
	var at time.Time
	for _, e := range o.History {
		if e.Status == OrderAtDealer && !e.At.IsZero() && (at.IsZero() || e.At.Before(at)) {
			at = e.At
		}
	}
	if !at.IsZero() {
		at = at.Add(ArrivalDelay)
	}
	if !o.AnnouncedAt.IsZero() && (at.IsZero() || o.AnnouncedAt.Before(at)) {
		at = o.AnnouncedAt
	}
	return at, !at.IsZero()
}

func (o Order) arrivalVisible(now time.Time) bool {
	at, ok := o.ArrivalVisibleAt()
	return ok && !at.After(now)
}

// CustomerTimeline returns the events of the order's history the customer
// may see at now, oldest first: events dated after now are left out, and the
// arrival is shown only once visible (see CustomerStatus) and dated when it
// became visible, so that the customer does not learn the car waited for
// days before they were told.
func (o Order) CustomerTimeline(now time.Time) []OrderEvent {
	var out []OrderEvent
	for _, e := range o.History {
		if !e.Status.Valid() || e.At.After(now) || e.Status == OrderAtDealer {
			continue
		}
		out = append(out, e)
	}
	if o.StaffStatus() == OrderAtDealer && o.arrivalVisible(now) {
		at, _ := o.ArrivalVisibleAt()
		out = append(out, OrderEvent{Status: OrderAtDealer, At: at})
	}
	slices.SortStableFunc(out, func(a, b OrderEvent) int { return a.At.Compare(b.At) })
	return out
}
