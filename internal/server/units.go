package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// listUnits shows the organisation's unit tree.
func (s *Server) listUnits(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitsByOrganisation(ctx, org.ID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "enheder", "Enheder", c.Crumb{Label: "Enheder"})
	return s.render(w, r, http.StatusOK, pages.Units(p, pages.UnitsView{Org: org, Units: units, CanEdit: canEditHierarchy(r, org.ID)}))
}

// showUnit is a unit's page: its place in the tree, agreements and local initiatives.
func (s *Server) showUnit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	u, err := s.store.GetUnit(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, u.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.UnitView{Org: org, Unit: u, CanEdit: canEditHierarchy(r, org.ID)}
	if v.Children, err = s.store.ListChildUnits(ctx, id); err != nil {
		return err
	}
	if v.Agreements, err = s.store.ListAgreementsByUnit(ctx, id); err != nil {
		return err
	}
	if v.Initiatives, err = s.store.ListInitiatives(ctx, store.InitiativeFilter{UnitID: id}); err != nil {
		return err
	}
	p := s.orgPage(r, org, "enheder", u.Name, c.Crumb{Label: "Enheder", Href: c.UnitsURL(org.Slug)}, c.Crumb{Label: u.Name})
	return s.render(w, r, http.StatusOK, pages.Unit(p, v))
}
