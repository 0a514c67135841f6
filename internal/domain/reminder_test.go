package domain

import (
	"testing"
	"time"
)

func TestReminderDue(t *testing.T) {
	t.Parallel()
	d := func(s string) time.Time {
		v, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	p := func(s string) *time.Time { v := d(s); return &v }
	rule := DefaultReminderRule()
	tests := []struct {
		name         string
		phase        string
		asOf         *time.Time
		today        string
		wantDue      bool
		wantLeft     int
		wantEscalate bool
	}{
		{"14 days before the quarter ends", PhaseImplementing, nil, "2026-03-17", true, 14, false},
		{"13 days before: nothing", PhaseImplementing, nil, "2026-03-18", false, 0, false},
		{"3 days before", PhaseImplementing, p("2025-12-01"), "2026-03-28", true, 3, false},
		{"on the day", PhasePreparing, nil, "2026-03-31", true, 0, false},
		{"status posted in the period", PhaseImplementing, p("2026-02-10"), "2026-03-17", false, 0, false},
		{"a week after, still missing: escalated", PhaseImplementing, nil, "2026-04-07", true, -7, true},
		{"two weeks after", PhaseImplementing, p("2025-11-01"), "2026-04-14", true, -14, true},
		{"eight days after: nothing", PhaseImplementing, nil, "2026-04-08", false, 0, false},
		{"a week after, status given late for the old period", PhaseImplementing, p("2026-03-30"), "2026-04-07", false, 0, false},
		{"implemented items need none", PhaseImplemented, nil, "2026-03-17", false, 0, false},
		{"half-yearly rhythm", PhaseImplementing, nil, "2026-06-16", true, 14, false},
	}
	for _, tt := range tests {
		months := 3
		if tt.name == "half-yearly rhythm" {
			months = 6
		}
		got, ok := ReminderDue(rule, tt.phase, tt.asOf, d(tt.today), months)
		if ok != tt.wantDue || got.DaysLeft != tt.wantLeft || got.Escalate != tt.wantEscalate {
			t.Errorf("%s: got (%+v, %v), want due %v, left %d, escalate %v", tt.name, got, ok, tt.wantDue, tt.wantLeft, tt.wantEscalate)
		}
	}
}
