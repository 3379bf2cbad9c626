package staff

import (
	"bytes"
	"encoding/csv"
	"strconv"
)

func writeCSV(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

func rateCell(k KPI) string {
	rate, ok := k.Rate()
	if !ok {
		return ""
	}
	return strconv.FormatFloat(rate, 'f', 4, 64)
}

func trendCSV(months []MonthKPI) []byte {
	rows := [][]string{{"month", "registrations", "retail_sales", "rate", "target"}}
	for _, m := range months {
		rows = append(rows, []string{m.Month.Format("2006-01"), strconv.Itoa(m.Registrations), strconv.Itoa(m.Sales), rateCell(m.KPI), "0.2"})
	}
	return writeCSV(rows)
}

func staffCSV(staff []StaffKPI) []byte {
	rows := [][]string{{"staff", "role", "handovers", "registrations"}}
	for _, s := range staff {
		rows = append(rows, []string{s.Name, string(s.Role), strconv.Itoa(s.Handovers), strconv.Itoa(s.Registrations)})
	}
	return writeCSV(rows)
}

func rankingCSV(ranking []RankRow) []byte {
	rows := [][]string{{"rank", "dealer", "name", "registrations", "retail_sales", "rate", "target"}}
	for i, d := range ranking {
		rows = append(rows, []string{strconv.Itoa(i + 1), d.Code, d.Name, strconv.Itoa(d.Registrations), strconv.Itoa(d.Sales), rateCell(d.KPI), "0.2"})
	}
	return writeCSV(rows)
}

func pastCSV(past []QuarterKPI) []byte {
	rows := [][]string{{"quarter", "registrations", "retail_sales", "rate", "target"}}
	for _, q := range past {
		rows = append(rows, []string{q.Quarter.String(), strconv.Itoa(q.Registrations), strconv.Itoa(q.Sales), rateCell(q.KPI), "0.2"})
	}
	return writeCSV(rows)
}
