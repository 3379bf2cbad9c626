package portal

import (
	"context"
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"
	_ "time/tzdata" // quarters are counted in Moscow time on any machine

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// RegistrationReport computes the KPI report for a quarter, by "dealer" or
// "region", with the domain's rules (showroom.CountsAsRegistration,
// showroom.CountsAsSale, quarters in Moscow time). Rows are sorted by key;
// a dealer or region appears when it has registrations or sales.
func (s *SQLite) RegistrationReport(ctx context.Context, q showroom.Quarter, by string) (api.RegistrationReport, error) {
	out := api.RegistrationReport{Quarter: q.String(), By: by, Target: showroom.RegistrationTarget, Rows: []api.ReportRow{}}
	start, end := q.Bounds()
	from, to := fmtTime(start), fmtTime(end)
	// The query binds the rule's lists from the domain instead of
	// writing them again; TestRegistrationReport checks it on a
	// hand-computed fixture, TestReportQueryIsTheDomainRule against the
	// rule applied row by row to the demo.
	sources, sourceArgs := inList(showroom.CountedSources())
	kinds, kindArgs := inList(showroom.CountedSaleKinds())
	args := []any{from, to}
	args = append(args, sourceArgs...)
	args = append(args, from, to)
	args = append(args, kindArgs...)
	rows, err := s.r.QueryContext(ctx, `
		WITH regs AS (
			SELECT dealer, count(*) AS n FROM customers
			WHERE created_at >= ? AND created_at < ? AND source IN (`+sources+`) AND dealer != ''
			GROUP BY dealer),
		sold AS (
			SELECT dealer, count(*) AS n FROM sales
			WHERE sold_at >= ? AND sold_at < ? AND kind IN (`+kinds+`)
			GROUP BY dealer),
		keys AS (SELECT dealer FROM regs UNION SELECT dealer FROM sold)
		SELECT k.dealer, coalesce(json_extract(d.data, '$.name'), ''), coalesce(d.region, ''),
			coalesce(r.n, 0), coalesce(s.n, 0)
		FROM keys k LEFT JOIN dealers d ON d.code = k.dealer
			LEFT JOIN regs r ON r.dealer = k.dealer LEFT JOIN sold s ON s.dealer = k.dealer`, args...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	byKey := map[string]*api.ReportRow{}
	for rows.Next() {
		var code, name, region string
		var regs, sales int
		if err := rows.Scan(&code, &name, &region, &regs, &sales); err != nil {
			return out, err
		}
		key := code
		if by == "region" {
			key, name = region, region
		}
		r := byKey[key]
		if r == nil {
			r = &api.ReportRow{Key: key, Name: name}
			byKey[key] = r
		}
		r.Registrations += regs
		r.Sales += sales
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	for _, r := range byKey {
		if rate, ok := showroom.RegistrationRate(r.Registrations, r.Sales); ok {
			r.Rate = &rate
		}
		out.Rows = append(out.Rows, *r)
	}
	slices.SortFunc(out.Rows, func(a, b api.ReportRow) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

// inList is the placeholders of an IN list of vs ("?, ?") and vs as
// arguments for them.
func inList[T ~string](vs []T) (string, []any) {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(vs)), ", "), out
}

// report serves GET /api/v1/reports/registrations as JSON, or as CSV for
// Accept: text/csv.
func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	q, err := showroom.ParseQuarter(r.URL.Query().Get("quarter"))
	if err != nil {
		s.fail(w, r, showroom.Errorf(api.CodeBadQuarter, "quarter", ""))
		return
	}
	by := r.URL.Query().Get("by")
	switch by {
	case "":
		by = "dealer"
	case "dealer", "region":
	default:
		s.fail(w, r, showroom.Errorf(showroom.EInvalid, "by", ""))
		return
	}
	rep, err := s.store.RegistrationReport(r.Context(), q, by)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !strings.Contains(r.Header.Get("Accept"), "text/csv") {
		writeJSON(w, http.StatusOK, rep)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="registrations-`+rep.Quarter+"-"+by+`.csv"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"key", "name", "registrations", "sales", "rate", "target"})
	target := strconv.FormatFloat(rep.Target, 'f', -1, 64)
	for _, row := range rep.Rows {
		rate := ""
		if row.Rate != nil {
			rate = strconv.FormatFloat(*row.Rate, 'f', 4, 64)
		}
		cw.Write([]string{row.Key, row.Name, strconv.Itoa(row.Registrations), strconv.Itoa(row.Sales), rate, target})
	}
	cw.Flush()
}
