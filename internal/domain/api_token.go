package domain

import (
	"strings"
	"time"
)

// EntityAPIToken is the audit entity of personal API tokens.
const EntityAPIToken = "api_token"

// APITokenNameMax is the longest name an API token may have.
const APITokenNameMax = 100

// APIToken is a personal API token for the read API: made by an admin of one organisation, it
// reads that organisation's data and nothing else. Only its hash is stored.
type APIToken struct {
	ID             int64
	OrganisationID int64
	Name           string
	CreatedBy      *int64
	CreatorName    string // "" when the creator is gone
	CreatedAt      time.Time
	LastUsedAt     *time.Time
	RevokedAt      *time.Time
}

// Active reports whether the token may still be used.
func (t APIToken) Active() bool { return t.RevokedAt == nil }

// ParseAPITokenName trims and checks the name an admin gives a new token (what it is for, e.g.
// "Power BI, økonomi"); a missing or too long name is an error on the field "name".
func ParseAPITokenName(raw string) (string, Errors) {
	name := strings.TrimSpace(raw)
	errs := Errors{}
	errs.Required("name", name, "Navn")
	errs.MaxLength("name", name, "Navn", APITokenNameMax)
	return name, errs
}

// CalendarFeed is the state of a person's calendar feed: when its secret address was made and
// last read. The address itself is shown only when it is made.
type CalendarFeed struct {
	UserID     int64
	CreatedAt  time.Time
	LastUsedAt *time.Time
}
