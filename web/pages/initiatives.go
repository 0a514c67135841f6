package pages

import (
	"strconv"

	"github.com/sporbar/sporbar/internal/domain"
)

// nestedInitiative is a general initiative with the local ones under it (as given).
type nestedInitiative struct {
	domain.InitiativeRow
	Locals []domain.InitiativeRow
}

// nestInitiatives groups local initiatives under their general one when both are in rows;
// a local one whose parent is not in rows stands on its own.
func nestInitiatives(rows []domain.InitiativeRow) []nestedInitiative {
	index := map[int64]int{}
	var out []nestedInitiative
	for _, r := range rows {
		if r.Kind == domain.InitiativeGeneral {
			index[r.ID] = len(out)
			out = append(out, nestedInitiative{InitiativeRow: r})
		}
	}
	for _, r := range rows {
		if r.Kind != domain.InitiativeLocal {
			continue
		}
		if i, ok := index[*r.ParentID]; ok {
			out[i].Locals = append(out[i].Locals, r)
		} else {
			out = append(out, nestedInitiative{InitiativeRow: r})
		}
	}
	return out
}

// filterByTrack keeps the rows of one track.
func filterByTrack(rows []domain.InitiativeRow, trackID int64) []domain.InitiativeRow {
	var out []domain.InitiativeRow
	for _, r := range rows {
		if r.TrackID == trackID {
			out = append(out, r)
		}
	}
	return out
}

// goalsForTrack keeps the goal rows realised through the track.
func goalsForTrack(rows []domain.GoalRow, trackID int64) []domain.GoalRow {
	var out []domain.GoalRow
	for _, r := range rows {
		for _, t := range r.Tracks {
			if t.ID == trackID {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// initiativeLabel names an initiative as the organisation does: the region numbers its
// indsatsområder ("Indsatsområde 5: …"), the kommune's general initiatives are bullets.
func initiativeLabel(org domain.Organisation, r domain.InitiativeRow) string {
	if r.Kind == domain.InitiativeLocal {
		return r.Title
	}
	if org.Kind == "region" && r.Number > 0 {
		return org.LabelGeneral + " " + strconv.Itoa(int(r.Number)) + ": " + r.Title
	}
	return r.Title
}

// kindLabel is the organisation's word for an initiative's kind.
func kindLabel(org domain.Organisation, kind string) string {
	if kind == domain.InitiativeLocal {
		return org.LabelLocal
	}
	return org.LabelGeneral
}
