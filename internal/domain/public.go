package domain

import "time"

// Read models of the public page for citizens (server/public.go, store/public.go).

// PublicInitiative is an initiative as the public page shows it: its place in the chain and
// its current status, nothing about people.
type PublicInitiative struct {
	ID          int64
	Kind        string
	TrackID     int64
	Title       string
	Description string
	UnitName    string // a local initiative's unit (a place, not a person); "" for a general one
	StartDate   *time.Time
	EndDate     *time.Time
	Status
}

// PublicComment is a comment marked public: its text and date, never its author.
type PublicComment struct {
	InitiativeID int64
	Body         string
	CreatedAt    time.Time
}
