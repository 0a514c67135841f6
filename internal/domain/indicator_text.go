package domain

import (
	"math"
	"strconv"
	"strings"
)

// Indicator values as the pages, the forms and the history show them.

// FormatNumber shows a value the Danish way, as the forms take it: a decimal comma, no
// thousands separator, at most four decimals and no trailing zeros ("42", "42,5", "-0,125").
func FormatNumber(v float64) string {
	s := strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return strings.Replace(s, ".", ",", 1)
}

// WithUnit is a value with the indicator's unit: "42 %", "17 antal", "3,5".
func (ind Indicator) WithUnit(v float64) string {
	if ind.Unit == "" {
		return FormatNumber(v)
	}
	return FormatNumber(v) + " " + ind.Unit
}

// AuditValues are the indicator's fields as the history shows them.
func (ind Indicator) AuditValues() map[string]string {
	ms := make([]string, 0, len(ind.Milestones))
	for _, m := range ind.Milestones {
		ms = append(ms, itoa64(int64(m.Year))+": "+FormatNumber(m.Value))
	}
	unit := ""
	if ind.ResponsibleUnitID != nil {
		unit = itoa64(*ind.ResponsibleUnitID)
	}
	return map[string]string{
		"Navn": ind.Name, "Definition": ind.Definition, "Enhed": ind.Unit, "Retning": DirectionLabel(ind.Direction),
		"Udgangspunkt": FormatNumber(ind.BaselineValue) + " pr. " + dateText(&ind.BaselineDate),
		"Mål":          FormatNumber(ind.TargetValue) + " pr. " + dateText(&ind.TargetDate),
		"Delmål":       strings.Join(ms, "; "), "Frekvens": FrequencyLabel(ind.Frequency), "Ansvarlig enhed": unit,
	}
}
