package showroom

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestParseOrderNumber(t *testing.T) {
	tests := []struct {
		in     string
		want   OrderNumber
		reason Reason
		args   []any
	}{
		{"0061220040234", OrderNumber{"006122", "0040234"}, "", nil},
		{"  0061220040234\n", OrderNumber{"006122", "0040234"}, "", nil},
		{"006122-0040234", OrderNumber{"006122", "0040234"}, "", nil},
		{"006 122 004 02 34", OrderNumber{"006122", "0040234"}, "", nil},
		{"", OrderNumber{}, ReasonOrderEmpty, nil},
		{"006122/0040234", OrderNumber{}, ReasonOrderCharacter, []any{7, '/'}},
		{"OO61220040234", OrderNumber{}, ReasonOrderCharacter, []any{1, 'O'}},
		{"００61220040234", OrderNumber{}, ReasonOrderCharacter, []any{1, '０'}}, // full-width digit
		{"006122004023", OrderNumber{}, ReasonOrderLength, []any{12}},
		{"00612200402345", OrderNumber{}, ReasonOrderLength, []any{14}},
		{" - ", OrderNumber{}, ReasonOrderLength, []any{0}},
	}
	for _, tt := range tests {
		got, err := ParseOrderNumber(tt.in)
		if tt.reason == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseOrderNumber(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != EInvalidOrder || e.Field != "order_number" || e.Reason != tt.reason {
			t.Errorf("ParseOrderNumber(%q) = %#v; want reason %s", tt.in, err, tt.reason)
			continue
		}
		if tt.args != nil && !equalArgs(e.Args, tt.args) {
			t.Errorf("ParseOrderNumber(%q): args %v, want %v", tt.in, e.Args, tt.args)
		}
	}
}

func TestOrderNumberString(t *testing.T) {
	if got := (OrderNumber{"006122", "0040234"}).String(); got != "0061220040234" {
		t.Errorf("String = %q", got)
	}
}

func TestMakeOrderNumber(t *testing.T) {
	tests := []struct {
		dealer, request string
		want            string
		field           string
	}{
		{"006122", "0040234", "0061220040234", ""},
		{"6122", "40234", "0061220040234", ""},
		{" 006122 ", " 1 ", "0061220000001", ""},
		{"", "0040234", "", "dealer_code"},
		{"0061223", "0040234", "", "dealer_code"},
		{"00612a", "0040234", "", "dealer_code"},
		{"006122", "00402345", "", "request"},
		{"006122", "", "", "request"},
		{"006122", "-1", "", "request"},
	}
	for _, tt := range tests {
		got, err := MakeOrderNumber(tt.dealer, tt.request)
		if tt.field == "" {
			if err != nil || got.String() != tt.want {
				t.Errorf("MakeOrderNumber(%q, %q) = %v, %v; want %s", tt.dealer, tt.request, got, err, tt.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != EInvalidOrder || e.Field != tt.field {
			t.Errorf("MakeOrderNumber(%q, %q) = %#v; want error on %s", tt.dealer, tt.request, err, tt.field)
		}
	}
}

func TestOrderStatusText(t *testing.T) {
	tests := []struct {
		s      OrderStatus
		ru, en string
	}{
		{OrderReceived, "Ваш заказ автомобиля получен и находится на стадии обработки", "Your car order has been received and is being processed"},
		{OrderInProduction, "Ваш автомобиль находится в процессе производства", "Your car is being built"},
		{OrderOnTheWay, "Ваш автомобиль направляется в дилерский центр", "Your car is on its way to the dealership"},
		{OrderAtDealer, "Автомобиль находится в дилерском центре и ожидает Вас", "Your car is at the dealership and waiting for you"},
	}
	for _, tt := range tests {
		if !tt.s.Valid() || tt.s.Text(Russian) != tt.ru || tt.s.Text(English) != tt.en {
			t.Errorf("status %d: valid %v, %q, %q", tt.s, tt.s.Valid(), tt.s.Text(Russian), tt.s.Text(English))
		}
	}
	for _, s := range []OrderStatus{0, 5, -1} {
		if s.Valid() || s.Text(Russian) != "" {
			t.Errorf("status %d is valid or has a text", s)
		}
	}
}

func TestOrderVisibility(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	history := []OrderEvent{{OrderReceived, day(1)}, {OrderInProduction, day(3)}, {OrderOnTheWay, day(8)}}
	arrived := append(append([]OrderEvent(nil), history...), OrderEvent{OrderAtDealer, day(10)})
	tests := []struct {
		name     string
		order    Order
		now      time.Time
		customer OrderStatus
		staff    OrderStatus
		timeline []OrderStatus
		arrival  time.Time // when shown in the timeline
	}{
		{"in production", Order{Status: OrderInProduction, History: history[:2]}, day(4), OrderInProduction, OrderInProduction,
			[]OrderStatus{OrderReceived, OrderInProduction}, time.Time{}},
		{"arrived today", Order{Status: OrderAtDealer, History: arrived}, day(10), OrderOnTheWay, OrderAtDealer,
			[]OrderStatus{OrderReceived, OrderInProduction, OrderOnTheWay}, time.Time{}},
		{"4 days 23 hours after arrival", Order{Status: OrderAtDealer, History: arrived}, day(15).Add(-time.Hour), OrderOnTheWay, OrderAtDealer,
			[]OrderStatus{OrderReceived, OrderInProduction, OrderOnTheWay}, time.Time{}},
		{"exactly 5 days after arrival", Order{Status: OrderAtDealer, History: arrived}, day(15), OrderAtDealer, OrderAtDealer,
			[]OrderStatus{OrderReceived, OrderInProduction, OrderOnTheWay, OrderAtDealer}, day(15)},
		{"announced the next day", Order{Status: OrderAtDealer, History: arrived, AnnouncedAt: day(11)}, day(11), OrderAtDealer, OrderAtDealer,
			[]OrderStatus{OrderReceived, OrderInProduction, OrderOnTheWay, OrderAtDealer}, day(11)},
		{"announcement in the future", Order{Status: OrderAtDealer, History: arrived, AnnouncedAt: day(12)}, day(11), OrderOnTheWay, OrderAtDealer,
			[]OrderStatus{OrderReceived, OrderInProduction, OrderOnTheWay}, time.Time{}},
		{"arrival date unknown", Order{Status: OrderAtDealer, History: history}, day(30), OrderOnTheWay, OrderAtDealer,
			[]OrderStatus{OrderReceived, OrderInProduction, OrderOnTheWay}, time.Time{}},
		{"arrival date unknown, announced", Order{Status: OrderAtDealer, History: history, AnnouncedAt: day(20)}, day(30), OrderAtDealer, OrderAtDealer,
			[]OrderStatus{OrderReceived, OrderInProduction, OrderOnTheWay, OrderAtDealer}, day(20)},
		{"status from history", Order{History: arrived}, day(16), OrderAtDealer, OrderAtDealer,
			[]OrderStatus{OrderReceived, OrderInProduction, OrderOnTheWay, OrderAtDealer}, day(15)},
		{"future event hidden", Order{Status: OrderOnTheWay, History: history}, day(5), OrderOnTheWay, OrderOnTheWay,
			[]OrderStatus{OrderReceived, OrderInProduction}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.order.CustomerStatus(tt.now); got != tt.customer {
				t.Errorf("CustomerStatus = %d, want %d", got, tt.customer)
			}
			if got := tt.order.StaffStatus(); got != tt.staff {
				t.Errorf("StaffStatus = %d, want %d", got, tt.staff)
			}
			tl := tt.order.CustomerTimeline(tt.now)
			var statuses []OrderStatus
			for _, e := range tl {
				statuses = append(statuses, e.Status)
				if e.At.After(tt.now) {
					t.Errorf("timeline shows %d at %v, after now", e.Status, e.At)
				}
			}
			if !reflect.DeepEqual(statuses, tt.timeline) {
				t.Errorf("timeline %v, want %v", statuses, tt.timeline)
			}
			if !tt.arrival.IsZero() && !tl[len(tl)-1].At.Equal(tt.arrival) {
				t.Errorf("arrival shown at %v, want %v", tl[len(tl)-1].At, tt.arrival)
			}
		})
	}
}

func FuzzParseOrderNumber(f *testing.F) {
	for _, s := range []string{"0061220040234", "006122-0040234", " 006 122 004 02 34 ", "", "x", "00612200402345", "０"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseOrderNumber(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != EInvalidOrder || e.Field != "order_number" {
				t.Fatalf("bad error %#v", err)
			}
			checkText(t, e)
			return
		}
		if !isDigits(n.Dealer, 6) || !isDigits(n.Request, 7) {
			t.Fatalf("parsed %q as %+v", s, n)
		}
		back, err := ParseOrderNumber(n.String())
		if err != nil || back != n {
			t.Fatalf("round trip of %q: %+v, %v", n, back, err)
		}
		made, err := MakeOrderNumber(n.Dealer, n.Request)
		if err != nil || made != n {
			t.Fatalf("MakeOrderNumber(%q, %q) = %+v, %v", n.Dealer, n.Request, made, err)
		}
	})
}
