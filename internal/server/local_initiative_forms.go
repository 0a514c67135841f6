package server

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// New local initiatives: an områdeleder adds one for their own område under a general
// initiative of their fagområde's strategy; a fagchef adds one for any område under it.

// localTarget is a general initiative and the units the signed-in person may add a local
// initiative for under it.
type localTarget struct {
	org    domain.Organisation
	parent domain.InitiativeDetail
	units  []domain.Unit
	fixed  bool // the unit is the person's own (an områdeleder's), not chosen
}

// localTargetOf loads the general initiative in the path (anything else is not found) and the
// units the signed-in person may add local initiatives for; none is a 403.
func (s *Server) localTargetOf(r *http.Request) (localTarget, error) {
	ctx := r.Context()
	var t localTarget
	id, err := idParam(r, "id")
	if err != nil {
		return t, err
	}
	if t.parent, err = s.store.GetInitiativeDetail(ctx, id); err != nil {
		return t, err
	}
	if t.org, err = s.readableOrg(r, t.parent.OrganisationID); err != nil {
		return t, err
	}
	if t.parent.Kind != domain.InitiativeGeneral || t.parent.ArchivedAt != nil {
		return t, store.ErrNotFound
	}
	scope, err := s.itemResource(r, t.org.ID, t.parent.ScopeUnitID)
	if err != nil {
		return t, err
	}
	ok, err := s.mayAddLocal(r, t.org, t.parent, scope)
	if err != nil {
		return t, err
	}
	u := currentUser(r)
	switch {
	case !ok:
	case u.Role == domain.RoleOmraadeleder:
		own, err := s.store.GetUnit(ctx, *u.UnitID)
		if err != nil {
			return t, err
		}
		t.units, t.fixed = []domain.Unit{own}, true
	case t.parent.ScopeUnitID != nil:
		children, err := s.store.ListChildUnits(ctx, *t.parent.ScopeUnitID)
		if err != nil {
			return t, err
		}
		for _, ch := range children {
			if can(r, auth.EditLocal, auth.Resource{OrganisationID: t.org.ID, Units: append([]int64{ch.ID}, scope.Units...)}) {
				t.units = append(t.units, ch)
			}
		}
	}
	if len(t.units) == 0 {
		// Nobody may edit locally in no unit: this logs the denial and answers 403.
		return t, s.authorize(r, auth.EditLocal, auth.InOrganisation(t.org.ID))
	}
	return t, nil
}

// mayAddLocal reports whether the signed-in person may add a local initiative under the
// general initiative in, whose strategy's unit and those above it are scope: a fagchef of that
// fagområde, or an områdeleder of an område under it.
func (s *Server) mayAddLocal(r *http.Request, org domain.Organisation, in domain.InitiativeDetail, scope auth.Resource) (bool, error) {
	u := currentUser(r)
	switch {
	case u == nil || u.UnitID == nil:
		return false, nil
	case u.Role == domain.RoleFagchef:
		return can(r, auth.EditLocal, scope), nil
	case u.Role != domain.RoleOmraadeleder:
		return false, nil
	}
	own, err := s.store.UnitChain(r.Context(), u.UnitID)
	if err != nil {
		return false, err
	}
	under := in.ScopeUnitID == nil || slices.Contains(own, *in.ScopeUnitID)
	return under && can(r, auth.EditLocal, auth.Resource{OrganisationID: org.ID, Units: own}), nil
}

// renderLocalForm renders the form for a new local initiative under t.parent with status.
func (s *Server) renderLocalForm(w http.ResponseWriter, r *http.Request, t localTarget, status int, f pages.InitiativeForm) error {
	f.Heading = "Ny " + strings.ToLower(t.org.LabelLocal)
	f.Context = "Udmønter " + strings.ToLower(t.org.LabelGeneral) + ": " + t.parent.Title
	f.Action = c.InitiativeURL(t.parent.ID) + "/lokale/ny"
	f.Cancel = c.InitiativeURL(t.parent.ID)
	if t.fixed {
		f.UnitName = t.units[0].Name
	} else {
		f.Units = []c.Option{{Value: "", Label: "Vælg område"}}
		for _, u := range t.units {
			f.Units = append(f.Units, c.Option{Value: c.Itoa(u.ID), Label: u.Name})
		}
	}
	return s.render(w, r, status, pages.InitiativeEdit(s.initiativeFormPage(r, t.org, t.parent, f.Heading), f))
}

// newLocalInitiative shows the empty form for a new local initiative.
func (s *Server) newLocalInitiative(w http.ResponseWriter, r *http.Request) error {
	t, err := s.localTargetOf(r)
	if err != nil {
		return err
	}
	f := pages.InitiativeForm{Fields: pages.InitiativeFields{Weight: "1"}, Errors: domain.Errors{}}
	return s.renderLocalForm(w, r, t, http.StatusOK, f)
}

// createLocalInitiative creates a local initiative for the chosen (or the person's own) unit;
// a unit the person may not edit is a 403 whatever the form says.
func (s *Server) createLocalInitiative(w http.ResponseWriter, r *http.Request) error {
	t, err := s.localTargetOf(r)
	if err != nil {
		return err
	}
	d, errs := decodeInitiativeForm(r.PostForm)
	unit, err := s.chooseUnit(r, t, d, errs)
	if err != nil {
		return err
	}
	f := pages.InitiativeForm{Fields: d.Fields, Errors: errs}
	if errs.Any() {
		return s.renderLocalForm(w, r, t, http.StatusUnprocessableEntity, f)
	}
	in := domain.Initiative{TrackID: t.parent.TrackID, ParentID: &t.parent.ID, UnitID: &unit.ID, Title: d.Title,
		Description: d.Description, Responsible: d.Responsible, StartDate: d.Start, EndDate: d.End, Weight: d.Weight}
	id, err := s.store.AddLocalInitiative(r.Context(), currentUser(r).ID, in)
	if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(c.InitiativeURL(id)), "Indsatsen er oprettet for "+unit.Name+".")
}

// chooseUnit returns the unit the form names: the person's own when it is fixed and the form
// names none, else one of t.units. A unit outside them is a 403 when the person may not edit
// in it, and a message beside the field otherwise (or when it does not exist).
func (s *Server) chooseUnit(r *http.Request, t localTarget, d initiativeForm, errs domain.Errors) (domain.Unit, error) {
	switch {
	case t.fixed && d.Fields.Unit == "":
		return t.units[0], nil
	case d.UnitID == nil:
		errs.Add("unit", "Vælg det område, indsatsen hører til.")
		return domain.Unit{}, nil
	}
	if i := slices.IndexFunc(t.units, func(u domain.Unit) bool { return u.ID == *d.UnitID }); i >= 0 {
		return t.units[i], nil
	}
	unit, err := s.store.GetUnit(r.Context(), *d.UnitID)
	if errors.Is(err, store.ErrNotFound) {
		errs.Add("unit", msgUnit)
		return unit, nil
	} else if err != nil {
		return unit, err
	}
	res, err := s.itemResource(r, unit.OrganisationID, &unit.ID)
	if err != nil {
		return unit, err
	}
	if err := s.authorize(r, auth.EditLocal, res); err != nil {
		return unit, err
	}
	errs.Add("unit", msgUnit)
	return unit, nil
}
