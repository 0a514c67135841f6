package domain

import "time"

// ReminderRule says when a missing follow-up is reminded of: DaysBefore the period's last day
// (0 = on the day), then every seventh day after it while the status is still missing, and to
// the fagchef too from EscalateAfterDays after the period ended. The weekly reminders stop when
// the next period's own reminders begin.
type ReminderRule struct {
	DaysBefore        []int
	EscalateAfterDays int
}

// DefaultReminderRule: 14 and 3 days before, on the day, weekly after; escalated after 7 days.
func DefaultReminderRule() ReminderRule {
	return ReminderRule{DaysBefore: []int{14, 3, 0}, EscalateAfterDays: 7}
}

// Reminder is why an item is reminded of today: the period it lacks a status for, and how many
// days are left of it (negative: how long ago it ended).
type Reminder struct {
	PeriodStart, PeriodEnd time.Time
	DaysLeft               int
	Escalate               bool // the fagchef is told too
}

// ReminderDue reports whether an item with the given phase and latest status date (asOf)
// under a rhythm of months is to be reminded of on today (a date), and why. An item that needs
// no follow-up (implemented, on hold) or has its status for the period is never due.
func ReminderDue(rule ReminderRule, phase string, asOf *time.Time, today time.Time, months int) (Reminder, bool) {
	if months <= 0 || 12%months != 0 {
		months = 3
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	start := FollowUpPeriodStart(today, months)
	end := start.AddDate(0, months, -1)
	left := days(end.Sub(today))
	for _, d := range rule.DaysBefore {
		if d == left && MissingFollowUp(phase, asOf, today, months) {
			return Reminder{PeriodStart: start, PeriodEnd: end, DaysLeft: left}, true
		}
	}
	prevStart, prevEnd := start.AddDate(0, -months, 0), start.AddDate(0, 0, -1)
	after := days(today.Sub(prevEnd))
	if after <= 0 || after%7 != 0 || left <= maxInt(rule.DaysBefore) || !MissingFollowUp(phase, asOf, prevEnd, months) {
		return Reminder{}, false
	}
	return Reminder{PeriodStart: prevStart, PeriodEnd: prevEnd, DaysLeft: -after,
		Escalate: after >= rule.EscalateAfterDays}, true
}

func days(d time.Duration) int { return int((d + 12*time.Hour) / (24 * time.Hour)) }

func maxInt(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
