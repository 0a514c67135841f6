package pages

import (
	"net/url"
	"strings"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// SearchView is the results page of the organisation's search: the query as typed (kept
// beside its message when it cannot be used), and the hits grouped by level.
type SearchView struct {
	Org     domain.Organisation
	Query   string
	Error   string        // the query's message ("" when it was used)
	Groups  []SearchGroup // levels with hits, in the order of domain.SearchLevels
	Level   string        // the one level shown in full ("vis flere"), or ""
	Limited bool          // the one level has more hits than are shown
}

// SearchGroup is one level's hits: its heading in the organisation's own words, and whether
// there are more than shown (MoreURL shows them).
type SearchGroup struct {
	Key     string
	Heading string
	Hits    []domain.SearchHit
	More    bool
	MoreURL templ.SafeURL
}

// Searched reports whether the page shows the outcome of a search (rather than a message).
func (v SearchView) Searched() bool { return v.Query != "" && v.Error == "" }

// SearchHeading is a level's heading: the organisation's own word where it names the level.
func SearchHeading(l domain.Labels, level string) string {
	switch level {
	case domain.SearchPolicies:
		return "Politikker og strategiplaner"
	case domain.SearchObjectives:
		return "Målsætninger"
	case domain.SearchGoals:
		return "Mål"
	case domain.SearchTracks:
		return l.LabelTracks
	case domain.SearchGenerals:
		return l.LabelGenerals
	case domain.SearchLocals:
		return l.LabelLocals
	case domain.SearchActionPlans:
		return l.LabelActionPlans
	case domain.SearchAgreements:
		return "Aftaler"
	case domain.SearchComments:
		return "Kommentarer"
	}
	return level
}

// SearchLevelURL is the search for q in one level only.
func SearchLevelURL(slug, q, level string) templ.SafeURL {
	return c.SearchURL(slug) + templ.SafeURL("?"+url.Values{"q": {q}, "niveau": {level}}.Encode())
}

// SearchHitURL is the page a hit opens: the item itself, or for a comment what it is on.
func SearchHitURL(h domain.SearchHit) templ.SafeURL {
	level, id := h.Level, h.ID
	if h.TargetID != 0 {
		level, id = h.TargetLevel, h.TargetID
	}
	switch level {
	case domain.SearchPolicies:
		return c.PolicyURL(id)
	case domain.SearchObjectives:
		return c.ObjectiveURL(id)
	case domain.SearchGoals:
		return c.GoalURL(id)
	case domain.SearchTracks:
		return c.TrackURL(id)
	case domain.SearchGenerals, domain.SearchLocals:
		return c.InitiativeURL(id)
	case domain.SearchActionPlans:
		return c.ActionPlanURL(id)
	}
	return c.AgreementURL(id)
}

// queryOnly is the query string of a search for q in every level.
func queryOnly(q string) string { return url.Values{"q": {q}}.Encode() }

// searchPath is a hit's place in the chain as one line, each step shortened.
func searchPath(path []string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = domain.PathPart(p)
	}
	return strings.Join(parts, " › ")
}
