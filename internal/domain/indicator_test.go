package domain_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func dayp(s string) *time.Time { d := day(s); return &d }

// rehab is the example: 20 % at the start of 2024, 60 % at the end of 2026, higher is better.
func rehab() domain.Indicator {
	return domain.Indicator{Name: "Andel borgere med rehabiliteringsforløb", Unit: "%", Direction: domain.DirectionHigher,
		BaselineValue: 20, BaselineDate: day("2024-01-01"), TargetValue: 60, TargetDate: day("2026-12-31"),
		Frequency: domain.FrequencyQuarterly}
}

// waiting is lower-is-better: 30 days' wait in 2024 down to 10 by 2026, with milestones.
func waiting() domain.Indicator {
	return domain.Indicator{Name: "Ventetid på hjælpemidler", Unit: "dage", Direction: domain.DirectionLower,
		BaselineValue: 30, BaselineDate: day("2024-12-31"), TargetValue: 10, TargetDate: day("2026-12-31"),
		Milestones: []domain.Milestone{{Year: 2025, Value: 26}}, Frequency: domain.FrequencyMonthly}
}

func TestIndicatorExpected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ind  domain.Indicator
		at   string
		want float64
	}{
		{"before the baseline", rehab(), "2023-06-01", 20},
		{"at the baseline", rehab(), "2024-01-01", 20},
		{"half way", rehab(), "2025-07-02", 40},
		{"at the target", rehab(), "2026-12-31", 60},
		{"after the target", rehab(), "2028-01-01", 60},
		{"lower is better, at the milestone", waiting(), "2025-12-31", 26},
		{"lower is better, half way to the milestone", waiting(), "2025-07-02", 28},
		{"lower is better, half way from the milestone", waiting(), "2026-07-02", 18},
	}
	for _, tt := range tests {
		got := tt.ind.Expected(day(tt.at))
		if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b float64) bool { return a-b < 0.05 && b-a < 0.05 })); diff != "" {
			t.Errorf("%s: expected value (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestIndicatorJudge(t *testing.T) {
	t.Parallel()
	flat := rehab()
	flat.BaselineValue, flat.TargetValue = 95, 95 // a level to keep: 10 % of 95 is 9,5
	milestones := rehab()
	milestones.Milestones = []domain.Milestone{{Year: 2024, Value: 50}, {Year: 2025, Value: 55}} // a steep first year
	outside := rehab()
	outside.Milestones = []domain.Milestone{{Year: 2023, Value: 99}, {Year: 2026, Value: 99}} // not between: ignored
	mid := rehab().Expected(day("2025-07-01"))                                                // 39,98
	tests := []struct {
		name  string
		ind   domain.Indicator
		value float64
		at    string
		want  string
	}{
		// Half way through rehab() about 40 is expected; the distance baseline → target is 40, so 10 % is 4.
		{"exactly as expected", rehab(), mid, "2025-07-01", domain.HealthOnTrack},
		{"better than expected", rehab(), 45, "2025-07-01", domain.HealthOnTrack},
		{"a little behind", rehab(), 37, "2025-07-01", domain.HealthChallenged},
		{"behind by exactly 10 %", rehab(), mid - 4, "2025-07-01", domain.HealthChallenged},
		{"further behind", rehab(), mid - 4.01, "2025-07-01", domain.HealthCritical},
		{"the baseline, at the baseline", rehab(), 20, "2024-01-01", domain.HealthOnTrack},
		{"below the baseline before the start", rehab(), 15, "2023-01-01", domain.HealthCritical},
		{"the target reached early", rehab(), 60, "2024-06-30", domain.HealthOnTrack},
		{"after the target date, short of it", rehab(), 58, "2027-03-31", domain.HealthChallenged},
		// Lower is better: 28 days expected mid-2025; 10 % of the distance 30 → 10 is 2 days.
		{"lower: as expected", waiting(), 28, "2025-07-01", domain.HealthOnTrack},
		{"lower: better (fewer days)", waiting(), 20, "2025-07-01", domain.HealthOnTrack},
		{"lower: almost two days too many", waiting(), 29.9, "2025-07-01", domain.HealthChallenged},
		{"lower: far too many", waiting(), 31, "2025-07-01", domain.HealthCritical},
		// With milestones the line runs through them: 50 by the end of 2024, not 33,3.
		{"milestones: on the straight line but behind the milestone", milestones, 34, "2024-12-31", domain.HealthCritical},
		{"milestones: at the milestone", milestones, 50, "2024-12-31", domain.HealthOnTrack},
		{"milestones: just behind the milestone", milestones, 47, "2024-12-31", domain.HealthChallenged},
		{"milestones outside the period are ignored", outside, mid, "2025-07-01", domain.HealthOnTrack},
		{"a level to keep, kept", flat, 95, "2025-01-01", domain.HealthOnTrack},
		{"a level to keep, a little below", flat, 90, "2025-01-01", domain.HealthChallenged},
		{"a level to keep, far below", flat, 80, "2025-01-01", domain.HealthCritical},
	}
	for _, tt := range tests {
		if got := tt.ind.Judge(tt.value, day(tt.at)); got != tt.want {
			t.Errorf("%s: %v at %s is %q, want %q (expected %.2f)", tt.name, tt.value, tt.at, got, tt.want,
				tt.ind.Expected(day(tt.at)))
		}
	}
}

func TestIndicatorMissingMeasurement(t *testing.T) {
	t.Parallel()
	yearly := rehab()
	yearly.Frequency = domain.FrequencyYearly
	archived := rehab()
	archived.ArchivedAt = dayp("2025-01-01")
	tests := []struct {
		name   string
		ind    domain.Indicator
		latest *time.Time
		today  string
		want   bool
	}{
		{"never measured", rehab(), nil, "2025-05-10", true},
		{"measured this quarter", rehab(), dayp("2025-04-01"), "2025-05-10", false},
		{"measured last quarter", rehab(), dayp("2025-03-31"), "2025-05-10", true},
		{"monthly, measured last month", waiting(), dayp("2025-04-30"), "2025-05-10", true},
		{"monthly, measured this month", waiting(), dayp("2025-05-02"), "2025-05-10", false},
		{"yearly, measured in January", yearly, dayp("2025-01-31"), "2025-11-30", false},
		{"yearly, measured last year", yearly, dayp("2024-12-31"), "2025-11-30", true},
		{"before the baseline", rehab(), nil, "2023-12-31", false},
		{"in the target's quarter", rehab(), dayp("2026-09-30"), "2026-12-15", true},
		{"after the target's quarter", rehab(), dayp("2026-09-30"), "2027-01-02", false},
		{"archived", archived, nil, "2025-05-10", false},
	}
	for _, tt := range tests {
		if got := tt.ind.MissingMeasurement(tt.latest, day(tt.today)); got != tt.want {
			t.Errorf("%s: missing %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestIndicatorAssess(t *testing.T) {
	t.Parallel()
	v := 50.0
	tests := []struct {
		name string
		row  domain.IndicatorRow
		want domain.Assessment
	}{
		{"no measurement", domain.IndicatorRow{Indicator: rehab()}, domain.Assessment{Missing: true}},
		{"on track, but nothing this quarter", domain.IndicatorRow{Indicator: rehab(), LatestValue: &v, LatestAsOf: dayp("2026-03-31")},
			domain.Assessment{Health: domain.HealthOnTrack, Expected: 49.95, Missing: true}},
	}
	for _, tt := range tests {
		got := tt.row.Assess(day("2026-11-24"))
		if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b float64) bool { return a-b < 0.05 && b-a < 0.05 })); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	t.Parallel()
	for in, want := range map[float64]string{42: "42", 42.5: "42,5", -0.125: "-0,125", 0.30000000000000004: "0,3",
		1234567.891: "1234567,891", -0.00001: "0"} {
		if got := domain.FormatNumber(in); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", in, got, want)
		}
	}
}
