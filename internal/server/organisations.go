package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// home takes each role to where its work is: the direktion to the organisation's overview, a
// fagchef to the samlet skema of their fagområde, an områdeleder to their tasks, an admin to
// the administration, a læser to the vision and strategies.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	org, err := s.readableOrg(r, u.OrganisationID)
	if err != nil {
		return err
	}
	to := c.OrganisationURL(org.Slug)
	switch u.Role {
	case domain.RoleDirektion:
		to = c.OverviewURL(org.Slug)
	case domain.RoleFagchef:
		to = c.DashboardURL(org.Slug)
	case domain.RoleOmraadeleder:
		to = "/mine-opgaver"
	case domain.RoleAdmin:
		to = "/admin/brugere"
	}
	http.Redirect(w, r, string(to), http.StatusSeeOther)
	return nil
}

// showOrganisation is an organisation's front page.
func (s *Server) showOrganisation(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	v := pages.OrganisationView{Org: org}
	if v.Policies, err = s.store.ListPoliciesByOrganisation(ctx, org.ID); err != nil {
		return err
	}
	if v.Strategies, err = s.store.ListStrategyRowsByOrganisation(ctx, org.ID); err != nil {
		return err
	}
	if v.Agreements, err = s.store.ListAgreementsByOrganisation(ctx, org.ID); err != nil {
		return err
	}
	p := s.orgPage(r, org, "forside", org.Name)
	p.Crumbs = nil
	return s.render(w, r, http.StatusOK, pages.Organisation(p, v))
}

// showChain is Bilag 1 as a live table for the whole organisation.
func (s *Server) showChain(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	rows, err := s.store.ListGoalChain(ctx, store.GoalChainFilter{OrganisationID: org.ID})
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "sammenhaeng", "Sammenhæng", c.Crumb{Label: "Sammenhæng"})
	return s.render(w, r, http.StatusOK, pages.Chain(p, pages.ChainView{Org: org, Rows: rows, CanEdit: canEditHierarchy(r, org.ID)}))
}

// accessibility is the accessibility statement.
func (s *Server) accessibility(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, pages.Accessibility(s.page(r, "Tilgængelighedserklæring")))
}
