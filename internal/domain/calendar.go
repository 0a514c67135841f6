package domain

import "time"

// FollowUpPeriodEnds returns the last day of the follow-up period (of months months, see
// FollowUpPeriodStart) that today falls in and of the n-1 periods after it: the dates by which
// a leader reports status, as the calendar feed shows them.
func FollowUpPeriodEnds(today time.Time, months, n int) []time.Time {
	if months <= 0 || 12%months != 0 {
		months = 3
	}
	start := FollowUpPeriodStart(today, months)
	ends := make([]time.Time, n)
	for i := range ends {
		ends[i] = start.AddDate(0, months*(i+1), -1)
	}
	return ends
}
