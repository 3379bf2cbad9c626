package showroom

import "fmt"

// Lang is a user-interface language.
type Lang string

// Languages of the UI; Russian is the default.
const (
	Russian Lang = "ru"
	English Lang = "en"
)

// Reason selects the human text of an Error. The texts are format strings
// taking the Error's Args.
type Reason string

type text struct{ en, ru string }

// texts holds every error reason in English and Russian. A reason missing
// here falls back to its code's generic text.
var texts = map[Reason]text{
	"invalid":   {"The value is not valid.", "Значение указано неверно."},
	"not_found": {"Not found.", "Не найдено."},
	"conflict":  {"This conflicts with data already saved.", "Это противоречит уже сохранённым данным."},
	"internal":  {"Something went wrong on our side. Please try again.", "Что-то пошло не так. Пожалуйста, попробуйте ещё раз."},
}

// Text renders the error in the given language.
func (e *Error) Text(l Lang) string {
	t, ok := texts[e.Reason]
	if !ok {
		t, ok = texts[Reason(e.Code)]
	}
	if !ok {
		t = texts["invalid"]
	}
	f := t.en
	if l == Russian {
		f = t.ru
	}
	if len(e.Args) == 0 {
		return f
	}
	return fmt.Sprintf(f, e.Args...)
}
