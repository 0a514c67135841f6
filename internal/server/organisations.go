package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// home takes the signed-in person to their organisation's front page.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	org, err := s.readableOrg(r, currentUser(r).OrganisationID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, string(c.OrganisationURL(org.Slug)), http.StatusSeeOther)
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
	return s.render(w, r, http.StatusOK, pages.Chain(p, pages.ChainView{Org: org, Rows: rows}))
}

// accessibility is the accessibility statement.
func (s *Server) accessibility(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, pages.Accessibility(s.page(r, "Tilgængelighedserklæring")))
}
