package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// listTerms is the organisation's glossary.
func (s *Server) listTerms(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	terms, err := s.store.ListTermsByOrganisation(ctx, org.ID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "begreber", "Begreber", c.Crumb{Label: "Begreber"})
	return s.render(w, r, http.StatusOK, pages.Terms(p, pages.TermsView{Org: org, Terms: terms, CanEdit: canEditHierarchy(r, org.ID)}))
}

// showTerm is one term's page.
func (s *Server) showTerm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	t, err := s.store.GetTerm(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, t.OrganisationID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "begreber", t.Name, c.Crumb{Label: "Begreber", Href: c.TermsURL(org.Slug)}, c.Crumb{Label: t.Name})
	return s.render(w, r, http.StatusOK, pages.Term(p, pages.TermView{Org: org, Term: t, CanEdit: canEditHierarchy(r, org.ID)}))
}

// showLadder is the organisation's Indsatstrappe.
func (s *Server) showLadder(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	steps, err := s.store.ListLadderSteps(ctx, org.ID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "trappen", "Indsatstrappen", c.Crumb{Label: "Indsatstrappen"})
	return s.render(w, r, http.StatusOK, pages.Ladder(p, pages.LadderView{Org: org, Steps: steps}))
}
