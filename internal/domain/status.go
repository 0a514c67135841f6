package domain

import "time"

// Phases of an initiative or action plan, in the order work moves through them.
const (
	PhaseNotStarted   = "ikke_paabegyndt"
	PhasePreparing    = "forberedende"
	PhaseImplementing = "under_implementering"
	PhaseImplemented  = "implementeret"
	PhaseOnHold       = "sat_i_bero"
)

// AllPhases lists the phases in order.
func AllPhases() []string {
	return []string{PhaseNotStarted, PhasePreparing, PhaseImplementing, PhaseImplemented, PhaseOnHold}
}

// PhaseLabel is a phase's Danish name.
func PhaseLabel(p string) string {
	switch p {
	case PhaseNotStarted:
		return "Ikke påbegyndt"
	case PhasePreparing:
		return "Forberedende"
	case PhaseImplementing:
		return "Under implementering"
	case PhaseImplemented:
		return "Implementeret"
	case PhaseOnHold:
		return "Sat i bero"
	}
	return p
}

// ValidPhase reports whether p is a phase.
func ValidPhase(p string) bool { return contains(AllPhases(), p) }

// Healths of an initiative or action plan, from good to bad.
const (
	HealthOnTrack    = "paa_sporet"
	HealthChallenged = "udfordret"
	HealthCritical   = "kritisk"
)

// AllHealths lists the healths from good to bad.
func AllHealths() []string { return []string{HealthOnTrack, HealthChallenged, HealthCritical} }

// HealthLabel is a health's Danish name.
func HealthLabel(h string) string {
	switch h {
	case HealthOnTrack:
		return "På sporet"
	case HealthChallenged:
		return "Udfordret"
	case HealthCritical:
		return "Kritisk"
	case "":
		return "Ingen status"
	}
	return h
}

// ValidHealth reports whether h is a health.
func ValidHealth(h string) bool { return contains(AllHealths(), h) }

// HealthRank orders healths from good (1) to bad (3); no status is 0.
func HealthRank(h string) int {
	switch h {
	case HealthOnTrack:
		return 1
	case HealthChallenged:
		return 2
	case HealthCritical:
		return 3
	}
	return 0
}

// Status is an item's current status as kept on the item.
type Status struct {
	StatusPhase     string
	StatusHealth    *string
	StatusProgress  int16
	StatusAsOf      *time.Time
	StatusUpdatedAt *time.Time
}

// Health returns the current health, "" when there has been no status update.
func (s Status) Health() string {
	if s.StatusHealth == nil {
		return ""
	}
	return *s.StatusHealth
}

// StatusUpdate is a dated check-in on an initiative or an action plan.
type StatusUpdate struct {
	ID             int64
	OrganisationID int64
	InitiativeID   *int64
	ActionPlanID   *int64
	Phase          string
	Health         string
	Progress       int16
	Comment        string
	AsOf           time.Time
	AuthorID       int64
	AuthorName     string
	CreatedAt      time.Time
	IdempotencyKey string `db:"-"` // the posting form's key: a retry with the same key stores nothing new
}

// FollowUpPeriodStart is the first day of the follow-up period (of months months, counted
// from January) that day falls in: quarterly periods start 1 January, 1 April, 1 July, 1 October.
func FollowUpPeriodStart(day time.Time, months int) time.Time {
	if months <= 0 || 12%months != 0 {
		months = 3
	}
	m := (int(day.Month())-1)/months*months + 1
	return time.Date(day.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
}

// MissingFollowUp reports whether an item whose latest status speaks for asOf lacks a status
// update in the current follow-up period. Implemented items and items on hold need none.
func MissingFollowUp(phase string, asOf *time.Time, today time.Time, months int) bool {
	if phase == PhaseImplemented || phase == PhaseOnHold {
		return false
	}
	return asOf == nil || asOf.Before(FollowUpPeriodStart(today, months))
}

// Overdue reports whether an item is past its deadline and not implemented.
func Overdue(phase string, deadline *time.Time, today time.Time) bool {
	if deadline == nil || phase == PhaseImplemented {
		return false
	}
	d := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	return deadline.Before(d)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
