package pages

import (
	"time"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// MeetingView is "Status til mødet" (server/meeting.go): the organisation's status on one
// screen for a meeting, for the chosen quarter.
type MeetingView struct {
	Org       domain.Organisation
	Period    domain.Quarter
	Periods   []c.Option    // the quarters the picker offers
	Total     ReportSummary // every current item
	Policies  []MeetingRow  // per policy: the items under the tracks that realise its goals
	Tracks    []MeetingRow  // per track
	Trend     c.Chart       // health at each month's end of the previous and the chosen quarter
	Months    []string      // the trend's months, by name
	Changes   []MeetingChange
	Uncovered []domain.GoalRow // goals no active initiative serves (as "Sporbarhed")
	Attention []MeetingItem    // kritisk or overdue items (domain.NeedsAttention)
}

// MeetingRow is a policy's or a track's distribution of assessments.
type MeetingRow struct {
	Label   string
	Href    templ.SafeURL
	Summary ReportSummary
}

// MeetingChange is how many items had a health at the end of the previous quarter and at the
// end of the chosen one.
type MeetingChange struct {
	Label         string
	Before, After int
}

// Delta is the change written with its sign: "+2", "−1", "0".
func (m MeetingChange) Delta() string {
	switch d := m.After - m.Before; {
	case d > 0:
		return "+" + reportCount(d)
	case d < 0:
		return "−" + reportCount(-d)
	}
	return "0"
}

// MeetingItem is an item to talk about: why, its status and its latest comment.
type MeetingItem struct {
	Title, Kind string // Kind is the organisation's word for the item's level
	Href        templ.SafeURL
	Status      c.StatusOf
	Unit        string
	Comment     string // the latest comment ("" for none), with who wrote it and when
	CommentBy   string
	CommentAt   time.Time
}
