package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The administration's lists of the hierarchy: policies and strategies, units, begreber and
// Indsatstrappen, each item with its Rediger link and move buttons. Each page costs a fixed
// number of queries.

// hierarchyAdmin lists the policies (objectives, goals) and strategies (tracks, general
// initiatives) for editing.
func (s *Server) hierarchyAdmin(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	h, err := s.store.LoadHierarchy(r.Context(), org.ID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "admin", "Politikker og strategier", c.Crumb{Label: "Politikker og strategier"})
	return s.render(w, r, http.StatusOK, pages.HierarchyAdmin(p, adminTree(h)))
}

// adminTree nests the hierarchy's policies and strategies for the administration page.
func adminTree(h store.Hierarchy) pages.HierarchyAdminView {
	v := pages.HierarchyAdminView{Org: h.Organisation}
	numbers := map[int64]int32{}
	for _, t := range h.Tracks {
		numbers[t.ID] = t.Number
	}
	tracksOf := map[int64][]int32{}
	for _, l := range h.GoalTracks {
		tracksOf[l.GoalID] = append(tracksOf[l.GoalID], numbers[l.TrackID])
	}
	goals := map[int64][]pages.AdminGoal{}
	for _, g := range h.Goals {
		goals[g.ObjectiveID] = append(goals[g.ObjectiveID], pages.AdminGoal{Goal: g, Tracks: store.TracksText(tracksOf[g.ID])})
	}
	objectives := map[int64][]pages.AdminObjective{}
	for _, o := range h.Objectives {
		objectives[o.PolicyID] = append(objectives[o.PolicyID], pages.AdminObjective{Objective: o, Goals: goals[o.ID]})
	}
	for _, p := range h.Policies {
		v.Policies = append(v.Policies, pages.AdminPolicy{Policy: p, Objectives: objectives[p.ID]})
	}
	generals := map[int64][]domain.Initiative{}
	for _, in := range h.Initiatives {
		if in.Kind == domain.InitiativeGeneral {
			generals[in.TrackID] = append(generals[in.TrackID], in)
		}
	}
	tracks := map[int64][]pages.AdminTrack{}
	for _, t := range h.Tracks {
		tracks[t.StrategyID] = append(tracks[t.StrategyID], pages.AdminTrack{Track: t, Generals: generals[t.ID]})
	}
	for _, st := range h.Strategies {
		v.Strategies = append(v.Strategies, pages.AdminStrategy{Strategy: st, Tracks: tracks[st.ID]})
	}
	return v
}

// unitsAdmin shows the current unit tree for editing.
func (s *Server) unitsAdmin(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitsByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "admin", "Enheder", c.Crumb{Label: "Administration af enheder"})
	return s.render(w, r, http.StatusOK, pages.UnitsAdmin(p, pages.UnitsAdminView{Org: org,
		Units: adminUnits(currentUnits(units), nil)}))
}

// adminUnits nests the units below parent (nil for the top), keeping their order.
func adminUnits(units []domain.Unit, parent *int64) []pages.AdminUnit {
	var out []pages.AdminUnit
	for _, u := range units {
		if sameUnit(u.ParentID, parent) {
			out = append(out, pages.AdminUnit{Unit: u, Children: adminUnits(units, &u.ID)})
		}
	}
	return out
}

func sameUnit(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// termsAdmin lists the begreber for editing.
func (s *Server) termsAdmin(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	terms, err := s.store.ListTermsByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "admin", "Begreber", c.Crumb{Label: "Administration af begreber"})
	return s.render(w, r, http.StatusOK, pages.TermsAdmin(p, pages.TermsAdminView{Org: org, Terms: terms}))
}

// ladderAdmin lists Indsatstrappen's steps for editing.
func (s *Server) ladderAdmin(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	steps, err := s.store.ListLadderSteps(r.Context(), org.ID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "admin", "Indsatstrappen", c.Crumb{Label: "Administration af Indsatstrappen"})
	return s.render(w, r, http.StatusOK, pages.LadderAdmin(p, pages.LadderAdminView{Org: org, Steps: steps}))
}
