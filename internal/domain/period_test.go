package domain

import (
	"testing"
	"time"
)

func TestQuarter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in          string
		ok          bool
		label, prev string
		start, end  string
	}{
		{"2026-3", true, "3. kvartal 2026", "2026-2", "2026-07-01", "2026-09-30"},
		{"2026-1", true, "1. kvartal 2026", "2025-4", "2026-01-01", "2026-03-31"},
		{"2024-4", true, "4. kvartal 2024", "2024-3", "2024-10-01", "2024-12-31"},
		{"2026-5", false, "", "", "", ""},
		{"2026", false, "", "", "", ""},
		{"x-1", false, "", "", "", ""},
		{"1999-1", false, "", "", "", ""},
	}
	for _, tt := range tests {
		q, ok := ParseQuarter(tt.in)
		if ok != tt.ok {
			t.Errorf("ParseQuarter(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		got := []string{q.Label(), q.Prev().Param(), q.Start().Format(time.DateOnly), q.End().Format(time.DateOnly), q.Param()}
		want := []string{tt.label, tt.prev, tt.start, tt.end, tt.in}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: got %q, want %q", tt.in, got, want)
				break
			}
		}
	}
	if got := QuarterOf(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)); got != (Quarter{2026, 4}) {
		t.Errorf("QuarterOf(2026-12-07) = %v", got)
	}
}

func TestNeedsAttention(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	past := today.AddDate(0, -1, 0)
	critical, onTrack := HealthCritical, HealthOnTrack
	tests := []struct {
		name string
		s    Status
		end  *time.Time
		want bool
	}{
		{"critical", Status{StatusPhase: PhaseImplementing, StatusHealth: &critical}, nil, true},
		{"overdue", Status{StatusPhase: PhaseImplementing, StatusHealth: &onTrack}, &past, true},
		{"on track", Status{StatusPhase: PhaseImplementing, StatusHealth: &onTrack}, nil, false},
		{"implemented past its end", Status{StatusPhase: PhaseImplemented, StatusHealth: &onTrack}, &past, false},
	}
	for _, tt := range tests {
		if got := NeedsAttention(tt.s, tt.end, today); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
