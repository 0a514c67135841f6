package domain

import (
	"testing"
	"time"
)

func TestFollowUpPeriodEnds(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name   string
		today  string
		months int
		want   []string
	}{
		{"quarterly from February", "2026-02-10", 3, []string{"2026-03-31", "2026-06-30", "2026-09-30"}},
		{"quarterly on the last day", "2026-03-31", 3, []string{"2026-03-31", "2026-06-30", "2026-09-30"}},
		{"half-yearly across the new year", "2026-11-01", 6, []string{"2026-12-31", "2027-06-30", "2027-12-31"}},
		{"monthly in a leap February", "2028-02-01", 1, []string{"2028-02-29", "2028-03-31", "2028-04-30"}},
		{"a rhythm that does not divide the year is quarterly", "2026-01-05", 5, []string{"2026-03-31", "2026-06-30", "2026-09-30"}},
	}
	for _, tt := range tests {
		got := FollowUpPeriodEnds(day(tt.today), tt.months, 3)
		for i, w := range tt.want {
			if g := got[i].Format(time.DateOnly); g != w {
				t.Errorf("%s: end %d = %s, want %s", tt.name, i, g, w)
			}
		}
	}
}
