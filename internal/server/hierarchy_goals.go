package server

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Administration of goals (mål) with the tracks that realise them: a checkbox for each of the
// organisation's current tracks, grouped by strategy.

// trackGroups are the organisation's tracks as checkboxes, one group per strategy.
func trackGroups(org domain.Organisation, tracks []domain.TrackRef) []pages.CheckGroup {
	var groups []pages.CheckGroup
	for i, t := range tracks {
		if i == 0 || t.StrategyID != tracks[i-1].StrategyID {
			groups = append(groups, pages.CheckGroup{Legend: t.StrategyTitle})
		}
		g := &groups[len(groups)-1]
		g.Options = append(g.Options, pages.CheckOption{Value: strconv.FormatInt(t.ID, 10),
			Label: org.LabelTrack + " " + c.Itoa(t.Number) + ": " + t.Title})
	}
	return groups
}

func goalFields(org domain.Organisation, tracks []domain.TrackRef) []field {
	return []field{
		{name: "title", label: "Titel", subject: "Titlen", required: true, max: 1000},
		{name: "description", label: "Beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
		{name: "tracks", label: "Realiseres gennem", kind: "checks", groups: trackGroups(org, tracks),
			hint: "Sæt kryds ved de " + strings.ToLower(org.LabelTracks) + ", målet realiseres gennem (Bilag 1's sidste kolonne)."},
	}
}

func goalValues(g domain.Goal, trackIDs []int64) formValues {
	ids := make([]string, len(trackIDs))
	for i, id := range trackIDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	return formValues{"title": g.Title, "description": g.Description, "tracks": strings.Join(ids, ",")}
}

// goalForm is the form for a new goal of the objective (g nil) or for editing g.
func goalForm(org domain.Organisation, o domain.ObjectiveDetail, tracks []domain.TrackRef, g *domain.Goal) hierarchyForm {
	ou := c.ObjectiveURL(o.ID)
	hf := hierarchyForm{org: org, title: "Nyt mål", fields: goalFields(org, tracks),
		crumbs: []c.Crumb{adminCrumb(org), {Label: o.PolicyTitle, Href: c.PolicyURL(o.PolicyID)}, {Label: o.Title, Href: ou}},
		view: pages.HierarchyForm{Heading: "Nyt mål", Context: "Mål under målsætningen «" + o.Title + "»", What: "målet",
			Action: ou + "/maal/ny", Cancel: ou}}
	if g != nil {
		u := c.GoalURL(g.ID)
		hf.title, hf.view.Heading = "Rediger mål", g.Title
		hf.crumbs = append(hf.crumbs, c.Crumb{Label: g.Title, Href: u})
		hf.view.Action, hf.view.Cancel = pages.EditURL(u), u
		hf.view.Controls = &pages.ItemControls{Archive: u + "/arkiver", Delete: u + "/slet"}
	}
	return hf
}

// newGoal shows the empty form for a goal of the objective in the path.
func (s *Server) newGoal(w http.ResponseWriter, r *http.Request) error {
	org, o, err := s.adminObjective(r)
	if err != nil {
		return err
	}
	tracks, err := s.store.ListTracksByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	return s.showForm(w, r, goalForm(org, o, tracks, nil), formValues{}, domain.Errors{}, 0, nil, http.StatusOK)
}

// createGoal adds a goal after the objective's others, with the tracks checked.
func (s *Server) createGoal(w http.ResponseWriter, r *http.Request) error {
	org, o, err := s.adminObjective(r)
	if err != nil {
		return err
	}
	tracks, err := s.store.ListTracksByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	return s.saveForm(w, r, goalForm(org, o, tracks, nil), nil, func(v formValues, _ int32) (string, error) {
		_, err := s.store.AddGoal(r.Context(), currentUser(r).ID, domain.Goal{ObjectiveID: o.ID, Title: v["title"],
			Description: v["description"]}, idList(v["tracks"]))
		return string(c.ObjectiveURL(o.ID)), err
	}, "Målet er oprettet.")
}

// adminGoal loads the goal in the path, its objective and the organisation's tracks, if the
// signed-in person may edit it.
func (s *Server) adminGoal(r *http.Request) (domain.Organisation, domain.GoalDetail, domain.ObjectiveDetail, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.GoalDetail{}, domain.ObjectiveDetail{}, err
	}
	g, err := s.store.GetGoalDetail(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, g, domain.ObjectiveDetail{}, err
	}
	org, err := s.hierarchyOrg(r, g.OrganisationID)
	if err == nil && g.ArchivedAt != nil {
		err = store.ErrNotFound
	}
	o := domain.ObjectiveDetail{Objective: domain.Objective{ID: g.ObjectiveID, Number: g.ObjectiveNumber,
		Title: g.ObjectiveTitle, PolicyID: g.PolicyID}, PolicyTitle: g.PolicyTitle, Numbered: g.Numbered}
	return org, g, o, err
}

// goalItem is the goal in the path for the generic move, archive and delete.
func (s *Server) goalItem(r *http.Request) (adminItem, error) {
	org, g, _, err := s.adminGoal(r)
	return adminItem{org: org, lv: store.LevelGoal, id: g.ID, title: g.Title, the: "Målet", neuter: true,
		edit: pages.EditURL(c.GoalURL(g.ID)), back: c.ObjectiveURL(g.ObjectiveID)}, err
}

// editGoal shows a goal's edit form with its tracks checked.
func (s *Server) editGoal(w http.ResponseWriter, r *http.Request) error {
	org, g, o, err := s.adminGoal(r)
	if err != nil {
		return err
	}
	tracks, err := s.store.ListTracksByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	linked, err := s.store.GoalTrackIDs(r.Context(), g.ID)
	if err != nil {
		return err
	}
	return s.showForm(w, r, goalForm(org, o, tracks, &g.Goal), goalValues(g.Goal, linked), domain.Errors{}, g.Version, nil,
		http.StatusOK)
}

// updateGoal saves a goal's fields and tracks; links to tracks the form does not offer (archived
// ones) are kept.
func (s *Server) updateGoal(w http.ResponseWriter, r *http.Request) error {
	org, g, o, err := s.adminGoal(r)
	if err != nil {
		return err
	}
	tracks, err := s.store.ListTracksByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	stored := func() (formValues, int32, error) {
		cur, err := s.store.GetGoal(r.Context(), g.ID)
		if err != nil {
			return nil, 0, err
		}
		linked, err := s.store.GoalTrackIDs(r.Context(), g.ID)
		return goalValues(cur, linked), cur.Version, err
	}
	return s.saveForm(w, r, goalForm(org, o, tracks, &g.Goal), stored, func(v formValues, version int32) (string, error) {
		want := idList(v["tracks"])
		linked, err := s.store.GoalTrackIDs(r.Context(), g.ID)
		if err != nil {
			return "", err
		}
		for _, id := range linked {
			if !slices.ContainsFunc(tracks, func(t domain.TrackRef) bool { return t.ID == id }) {
				want = append(want, id)
			}
		}
		next := g.Goal
		next.Title, next.Description, next.Version = v["title"], v["description"], version
		_, err = s.store.UpdateGoal(r.Context(), currentUser(r).ID, next, want)
		return string(c.GoalURL(g.ID)), err
	}, "Ændringerne er gemt.")
}
