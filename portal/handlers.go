package portal

import (
	"html/template"
	"math"
	"net/http"
	"strconv"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Ping(r.Context()); err != nil {
		s.log.Error("health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, api.Health{Status: "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, api.Health{Status: "ok"})
}

func (s *Server) enroll(w http.ResponseWriter, r *http.Request) {
	var req api.EnrollRequest
	if err := readJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := s.store.Enroll(r.Context(), req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("device enrolled", "device", out.DeviceID, "dealer", out.Dealer.Code)
	writeJSON(w, http.StatusCreated, out)
}

// push applies a batch in order, each mutation in its own transaction.
func (s *Server) push(w http.ResponseWriter, r *http.Request) {
	req, err := DecodePush(r.Body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	dev, l := device(r), lang(r)
	results, err := s.store.ApplyBatch(r.Context(), dev, req.Mutations, l)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := api.PushResponse{Results: results}
	for i, res := range results {
		if res.Code == showroom.EInternal {
			s.log.Error("mutation failed", "type", req.Mutations[i].Type)
		}
		if typ := req.Mutations[i].Type; (typ == api.TypeCustomerRegister || typ == api.TypeWelcomePackActivate) && res.Status == api.StatusApplied {
			s.kickMail()
		}
		s.metrics.pushResult(res.Status)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) pull(w http.ResponseWriter, r *http.Request) {
	since, err := ParseCursor(r.URL.Query().Get("since"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit := api.DefaultPullLimit
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			s.fail(w, r, showroom.Errorf(showroom.EInvalid, "limit", ""))
			return
		}
		limit = min(n, api.MaxPullLimit)
	}
	out, err := s.store.Pull(r.Context(), device(r), since, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// vin decodes a VIN and adds the registry's record, engine number masked.
func (s *Server) vin(w http.ResponseWriter, r *http.Request) {
	d, err := showroom.DecodeVIN(r.PathValue("vin"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rec, err := s.store.FactoryRecord(r.Context(), d.VIN)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.SetRegistry(rec)
	writeJSON(w, http.StatusOK, d)
}

func (s *Server) welcomeLogin(w http.ResponseWriter, r *http.Request) {
	var req api.WelcomePackLogin
	if err := readJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	out, wait, err := s.store.WelcomePackLogin(r.Context(), device(r), req.CustomerID, req.VIN)
	if err != nil {
		if wait > 0 {
			// The seconds left, rounded up: retrying at once after that
			// many seconds finds the customer ID free.
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		}
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

var confirmPage = template.Must(template.New("confirm").Parse(`<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>My Renault</title></head>
<body><h1>{{.RU}}</h1><p lang="en">{{.EN}}</p></body></html>
`))

// confirm activates an account from the e-mail's link, once.
func (s *Server) confirm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	err := s.store.Confirm(r.Context(), r.PathValue("token"))
	switch showroom.ErrorCode(err) {
	case "":
		w.WriteHeader(http.StatusOK)
		confirmPage.Execute(w, map[string]string{
			"RU": "Спасибо! Ваша учётная запись My Renault подтверждена.",
			"EN": "Thank you! Your My Renault account is confirmed."})
	case showroom.ENotFound:
		w.WriteHeader(http.StatusNotFound)
		confirmPage.Execute(w, map[string]string{
			"RU": "Ссылка недействительна или уже использована.",
			"EN": "This link is not valid or has already been used."})
	default:
		s.log.Error("confirmation failed", "err", err)
		w.WriteHeader(http.StatusInternalServerError)
		confirmPage.Execute(w, map[string]string{
			"RU": "Что-то пошло не так. Пожалуйста, попробуйте позже.",
			"EN": "Something went wrong. Please try again later."})
	}
}
