package domain

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFollowUpPeriodStart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		day    string
		months int
		want   string
	}{
		{"2026-11-24", 3, "2026-10-01"},
		{"2026-01-01", 3, "2026-01-01"},
		{"2026-03-31", 3, "2026-01-01"},
		{"2026-11-24", 1, "2026-11-01"},
		{"2026-11-24", 6, "2026-07-01"},
		{"2026-11-24", 12, "2026-01-01"},
		{"2026-11-24", 5, "2026-10-01"}, // not a divisor of 12: quarterly
	}
	for _, tt := range tests {
		if got := FollowUpPeriodStart(day(tt.day), tt.months); !got.Equal(day(tt.want)) {
			t.Errorf("FollowUpPeriodStart(%s, %d) = %s, want %s", tt.day, tt.months, got.Format(time.DateOnly), tt.want)
		}
	}
}

func TestMissingFollowUpAndOverdue(t *testing.T) {
	t.Parallel()
	today := day("2026-11-24")
	ptr := func(s string) *time.Time { d := day(s); return &d }
	tests := []struct {
		name        string
		phase       string
		asOf        *time.Time
		deadline    *time.Time
		wantMissing bool
		wantOverdue bool
	}{
		{"never reported", PhaseImplementing, nil, nil, true, false},
		{"reported last quarter", PhaseImplementing, ptr("2026-09-30"), nil, true, false},
		{"reported this quarter", PhaseImplementing, ptr("2026-10-01"), nil, false, false},
		{"implemented needs no report", PhaseImplemented, nil, ptr("2026-01-01"), false, false},
		{"on hold needs no report", PhaseOnHold, nil, nil, false, false},
		{"past deadline", PhasePreparing, ptr("2026-11-01"), ptr("2026-11-23"), false, true},
		{"deadline today is not past", PhasePreparing, ptr("2026-11-01"), ptr("2026-11-24"), false, false},
	}
	for _, tt := range tests {
		if got := MissingFollowUp(tt.phase, tt.asOf, today, 3); got != tt.wantMissing {
			t.Errorf("%s: MissingFollowUp = %v, want %v", tt.name, got, tt.wantMissing)
		}
		if got := Overdue(tt.phase, tt.deadline, today); got != tt.wantOverdue {
			t.Errorf("%s: Overdue = %v, want %v", tt.name, got, tt.wantOverdue)
		}
	}
}
