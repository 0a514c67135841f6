package server

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

func indicatorValues(changes map[string]string) url.Values {
	v := url.Values{"name": {"Andel borgere med rehabiliteringsforløb"}, "unit": {"%"}, "direction": {"higher"},
		"baseline_value": {"20"}, "baseline_date": {"2024-01-01"}, "target_value": {"60"}, "target_date": {"2026-12-31"},
		"frequency": {"quarterly"}, "milestones": {""}, "responsible_unit": {""}}
	for k, s := range changes {
		v.Set(k, s)
	}
	return v
}

func TestDecodeIndicatorForm(t *testing.T) {
	t.Parallel()
	units := []domain.Unit{{ID: 11, Name: "Hjemmepleje og akutaflastning"}}
	tests := []struct {
		name       string
		changes    map[string]string
		wantErrors domain.Errors
		milestones []domain.Milestone
	}{
		{"the issue's example", nil, domain.Errors{}, nil},
		{"milestones and a unit", map[string]string{"milestones": "2025: 40\r\n\r\n2024 = 30,5", "responsible_unit": "11"}, domain.Errors{},
			[]domain.Milestone{{Year: 2024, Value: 30.5}, {Year: 2025, Value: 40}}},
		{"nothing chosen", map[string]string{"direction": "", "frequency": "daily", "responsible_unit": "12"}, domain.Errors{
			"direction": "Vælg, om højere eller lavere er bedre.", "frequency": "Vælg, hvor ofte der måles.",
			"responsible_unit": "Vælg et område fra listen."}, nil},
		{"missing values", map[string]string{"name": "", "baseline_value": "", "target_date": ""}, domain.Errors{
			"name": "Navnet skal udfyldes.", "baseline_value": "Udgangspunktets værdi skal udfyldes.",
			"target_date": "Målets dato skal udfyldes."}, nil},
		{"bad numbers and dates", map[string]string{"baseline_value": "20 %", "target_value": "60,12345", "baseline_date": "2024-02-30"},
			domain.Errors{"baseline_value": "Udgangspunktets værdi skal være et tal, fx 42 eller 42,5.",
				"target_value": "Målets værdi må højst have fire decimaler.", "baseline_date": "Udgangspunktets dato findes ikke i kalenderen."}, nil},
		{"target before baseline", map[string]string{"target_date": "2023-12-31"},
			domain.Errors{"target_date": "Målets dato skal ligge efter udgangspunktets."}, nil},
		{"milestone outside the period", map[string]string{"milestones": "2026: 50"},
			domain.Errors{"milestones": "Delmålet for 2026 skal ligge mellem udgangspunktet og målet (31. december 2026)."}, nil},
		{"milestone twice", map[string]string{"milestones": "2025: 40\n2025: 45"}, domain.Errors{"milestones": "Der er to delmål for 2025."}, nil},
		{"milestone without value", map[string]string{"milestones": "2025"}, domain.Errors{"milestones": "Linje 1: skriv år og værdi, fx «2025: 40»."}, nil},
		{"milestone not a number", map[string]string{"milestones": "2024: 30\n2025: fyrre"},
			domain.Errors{"milestones": "Linje 2: «fyrre» er ikke et tal med højst fire decimaler."}, nil},
	}
	for _, tt := range tests {
		d, errs := decodeIndicatorForm(indicatorValues(tt.changes), units)
		if diff := cmp.Diff(tt.wantErrors, errs); diff != "" {
			t.Errorf("%s: messages (-want +got):\n%s", tt.name, diff)
		}
		if len(errs) == 0 && !cmp.Equal(tt.milestones, d.Indicator.Milestones) {
			t.Errorf("%s: milestones %v, want %v", tt.name, d.Indicator.Milestones, tt.milestones)
		}
	}
}

func TestDecodeMeasurementForm(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		v       url.Values
		want    domain.Errors
		replace int32
		bad     bool
	}{
		{"good", url.Values{"as_of": {"31-03-2026"}, "value": {"42,5"}, "replace": {"2"}}, domain.Errors{}, 2, false},
		{"empty", url.Values{}, domain.Errors{"as_of": "Datoen skal udfyldes.", "value": "Værdien skal udfyldes."}, 0, false},
		{"future", url.Values{"as_of": {"2026-11-25"}, "value": {"x"}, "comment": {strings.Repeat("æ", 1001)}}, domain.Errors{
			"as_of": "En måling kan ikke gælde for en dato i fremtiden.", "value": "Værdien skal være et tal, fx 42 eller 42,5.",
			"comment": "Kommentaren må højst være 1000 tegn (der er 1001)."}, 0, false},
		{"a broken replacement", url.Values{"as_of": {"2026-01-01"}, "value": {"1"}, "replace": {"to"}}, domain.Errors{}, 0, true},
	}
	for _, tt := range tests {
		_, f, err := decodeMeasurementForm(tt.v, today)
		if (err != nil) != tt.bad {
			t.Errorf("%s: error %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, f.Errors); !tt.bad && (diff != "" || f.Replace != tt.replace) {
			t.Errorf("%s: replace %d, messages (-want +got):\n%s", tt.name, f.Replace, diff)
		}
	}
}

// checkIndicatorMessages fails unless every message is a sentence for one of the form's fields.
func checkIndicatorMessages(t *testing.T, errs domain.Errors) {
	t.Helper()
	for field, msg := range errs {
		if !strings.Contains(strings.Join(indicatorFieldNames, " "), field) || !utf8.ValidString(msg) || !strings.HasSuffix(msg, ".") {
			t.Errorf("field %s: message %q", field, msg)
		}
	}
}

var indicatorFieldNames = []string{"name", "definition", "unit", "direction", "baseline_value", "baseline_date",
	"target_value", "target_date", "milestones", "frequency", "responsible_unit"}

func FuzzDecodeIndicatorForm(f *testing.F) {
	for i, s := range seeds {
		o := seeds[(i+3)%len(seeds)]
		f.Add(s, o, s, o, s, o, o+"\n"+s)
	}
	f.Add("Andel", "higher", "20", "2024-01-01", "60", "2026-12-31", "2025: 40\n2026: 50")
	f.Fuzz(func(t *testing.T, name, direction, baseValue, baseDate, targetValue, targetDate, milestones string) {
		v := url.Values{"name": {name}, "direction": {direction}, "baseline_value": {baseValue}, "baseline_date": {baseDate},
			"target_value": {targetValue}, "target_date": {targetDate}, "milestones": {milestones}, "frequency": {"yearly"}}
		d, errs := decodeIndicatorForm(v, nil)
		checkIndicatorMessages(t, errs)
		if !errs.Any() {
			ind := d.Indicator
			if ind.Name == "" || !ind.TargetDate.After(ind.BaselineDate) {
				t.Errorf("passed with name %q, baseline %v, target %v", ind.Name, ind.BaselineDate, ind.TargetDate)
			}
			for _, m := range ind.Milestones {
				if dd := domain.MilestoneDate(m.Year); !dd.After(ind.BaselineDate) || !dd.Before(ind.TargetDate) {
					t.Errorf("passed with milestone %v outside %v–%v", m, ind.BaselineDate, ind.TargetDate)
				}
			}
			_ = ind.Expected(ind.BaselineDate.AddDate(0, 6, 0)) // the plan must be usable
		}
	})
}

// FuzzParseMeasurements feeds the import anything: it must answer with messages, never panic.
func FuzzParseMeasurements(f *testing.F) {
	f.Add([]byte("Dato;Værdi;Kommentar\n2025-03-31;36,5;x\n"))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add([]byte("dato,værdi\n\"31-12-2024\",\"=1+1\"\n"))
	f.Add([]byte{0xff, 0xfe, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, fileErr, rowErrs := parseMeasurements(data, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
		if (fileErr != "" || len(rowErrs) > 0) && len(rows) > 0 {
			t.Errorf("rows %v despite errors %q %q", rows, fileErr, rowErrs)
		}
		if len(rows) > maxImportRows || len(rowErrs) > maxRowErrors+1 {
			t.Errorf("%d rows, %d messages", len(rows), len(rowErrs))
		}
	})
}
