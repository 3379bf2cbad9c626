package portal

import (
	"errors"
	"fmt"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// apiTexts are the English and Russian texts of the codes the API adds to
// the domain's; the domain's own codes keep the domain's texts.
var apiTexts = map[showroom.Code][2]string{
	api.CodeBadJSON:           {"The request is not valid JSON.", "Запрос не является корректным JSON."},
	api.CodeBadCursor:         {"The cursor is not valid.", "Неверный курсор."},
	api.CodeBadQuarter:        {"The quarter must look like 2012Q1.", "Квартал указывается в виде 2012Q1."},
	api.CodeBadEnrollmentCode: {"The enrolment code is unknown, expired or already used.", "Код подключения неизвестен, просрочен или уже использован."},
	api.CodeTooLarge:          {"The request is too large.", "Запрос слишком велик."},
	api.CodeUnknownType:       {"This kind of change is not supported.", "Этот вид изменения не поддерживается."},
	api.CodeUnknownCustomer:   {"No such customer at this dealer.", "У этого дилера нет такого клиента."},
	api.CodeUnknownCoupon:     {"No coupon with this code was issued.", "Купон с таким кодом не выдавался."},
	api.CodeMethodNotAllowed:  {"This method is not allowed on this path.", "Этот метод для этого адреса не предусмотрен."},
}

// apiText is the text of an API code in lang.
func apiText(c showroom.Code, lang showroom.Lang) string {
	t := apiTexts[c]
	if lang == showroom.Russian {
		return t[1]
	}
	return t[0]
}

// redeemedError is coupon_redeemed with when and where the first
// redemption happened, which the message states.
type redeemedError struct {
	err    *showroom.Error
	at     string
	dealer string
}

func (e *redeemedError) Error() string { return e.err.Error() }
func (e *redeemedError) Unwrap() error { return e.err }

// errorDetail renders err for an API answer in lang. An error that is not
// a *showroom.Error is internal and its text is never shown.
func errorDetail(err error, lang showroom.Lang) api.ErrorDetail {
	var e *showroom.Error
	if !errors.As(err, &e) {
		e = showroom.Errorf(showroom.EInternal, "", "")
	}
	d := api.ErrorDetail{Code: e.Code, Field: e.Field}
	if t, ok := apiTexts[e.Code]; ok {
		d.Message = t[0]
		if lang == showroom.Russian {
			d.Message = t[1]
		}
	} else {
		d.Message = e.Text(lang)
	}
	var re *redeemedError
	if errors.As(err, &re) {
		if lang == showroom.Russian {
			d.Message += fmt.Sprintf(" Погашен %s у дилера %s.", re.at, re.dealer)
		} else {
			d.Message += fmt.Sprintf(" Redeemed %s at dealer %s.", re.at, re.dealer)
		}
	}
	return d
}
