package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// showPolicy is a policy's page with its objectives, goals and tracks.
func (s *Server) showPolicy(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	pol, err := s.store.GetPolicy(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, pol.OrganisationID)
	if err != nil {
		return err
	}
	rows, err := s.store.ListGoalChain(ctx, store.GoalChainFilter{PolicyID: id})
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "sammenhaeng", pol.Title, c.Crumb{Label: pol.Title})
	return s.render(w, r, http.StatusOK, pages.Policy(p, pages.PolicyView{Org: org, Policy: pol, Rows: rows,
		CanEdit: canEditHierarchy(r, org.ID)}))
}

// showObjective is an objective's page with its goals.
func (s *Server) showObjective(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	obj, err := s.store.GetObjectiveDetail(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, obj.OrganisationID)
	if err != nil {
		return err
	}
	rows, err := s.store.ListGoalChain(ctx, store.GoalChainFilter{ObjectiveID: id})
	if err != nil {
		return err
	}
	title := objectiveTitle(obj.Numbered, obj.Number, obj.Title)
	p := s.orgPage(r, org, "sammenhaeng", title,
		c.Crumb{Label: obj.PolicyTitle, Href: c.PolicyURL(obj.PolicyID)}, c.Crumb{Label: title})
	return s.render(w, r, http.StatusOK, pages.Objective(p, pages.ObjectiveView{Org: org, Objective: obj, Rows: rows,
		CanEdit: canEditHierarchy(r, org.ID)}))
}

// showGoal is a goal's page with the tracks that realise it and their initiatives.
func (s *Server) showGoal(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	g, err := s.store.GetGoalDetail(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, g.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.GoalView{Org: org, Goal: g, CanEdit: canEditHierarchy(r, org.ID)}
	if v.Tracks, err = s.store.ListTracksByGoal(ctx, id); err != nil {
		return err
	}
	if v.Initiatives, err = s.store.ListInitiatives(ctx, store.InitiativeFilter{GoalID: id}); err != nil {
		return err
	}
	if v.Indicators, err = s.goalIndicators(r, g); err != nil { // indicators.go
		return err
	}
	objTitle := objectiveTitle(g.Numbered, g.ObjectiveNumber, g.ObjectiveTitle)
	p := s.orgPage(r, org, "sammenhaeng", g.Title,
		c.Crumb{Label: g.PolicyTitle, Href: c.PolicyURL(g.PolicyID)},
		c.Crumb{Label: objTitle, Href: c.ObjectiveURL(g.ObjectiveID)},
		c.Crumb{Label: g.Title})
	return s.render(w, r, http.StatusOK, pages.Goal(p, v))
}

func objectiveTitle(numbered bool, number int32, title string) string {
	if !numbered {
		return title
	}
	return c.Itoa(number) + ". " + title
}
