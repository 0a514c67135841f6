package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Administration of the organisation's units: the tree (each unit's parent), kind, leader title.

var unitKindOptions = []c.Option{
	{Value: domain.UnitDirektion, Label: "Direktion"}, {Value: domain.UnitFagomraade, Label: "Fagområde"},
	{Value: domain.UnitOmraade, Label: "Område"}, {Value: domain.UnitSpecialomraade, Label: "Specialområde"},
	{Value: domain.UnitEnhed, Label: "Enhed"},
}

// below returns the unit and every unit under it.
func below(units []domain.Unit, id int64) map[int64]bool {
	out := map[int64]bool{id: true}
	for changed := true; changed; {
		changed = false
		for _, u := range units {
			if u.ParentID != nil && out[*u.ParentID] && !out[u.ID] {
				out[u.ID], changed = true, true
			}
		}
	}
	return out
}

// unitFields are the unit form's fields; a unit cannot be placed under itself or its own units.
func unitFields(units []domain.Unit, editing int64) []field {
	exclude := map[int64]bool{}
	if editing != 0 {
		exclude = below(units, editing)
	}
	var parents []domain.Unit
	for _, u := range units {
		if !exclude[u.ID] {
			parents = append(parents, u)
		}
	}
	return []field{
		{name: "name", label: "Navn", subject: "Navnet", required: true, max: 200},
		{name: "kind", label: "Type", kind: "select", options: unitKindOptions},
		{name: "parent", label: "Hører under", kind: "select", options: unitChoices(parents, "Ingen (øverst i organisationen)")},
		{name: "leader_title", label: "Ledertitel", subject: "Ledertitlen", max: 200, hint: "Fx «Områdeleder» eller «Fagchef»."},
		{name: "description", label: "Beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
	}
}

func unitValues(u domain.Unit) formValues {
	return formValues{"name": u.Name, "kind": u.Kind, "parent": idText(u.ParentID), "leader_title": u.LeaderTitle,
		"description": u.Description}
}

func unitOf(u domain.Unit, v formValues) domain.Unit {
	u.Name, u.Kind, u.ParentID, u.LeaderTitle, u.Description = v["name"], v["kind"], optionalID(v["parent"]),
		v["leader_title"], v["description"]
	return u
}

// unitForm is the form for a new unit (u nil) or for editing u.
func unitForm(org domain.Organisation, units []domain.Unit, u *domain.Unit) hierarchyForm {
	list := pages.UnitsAdminURL(org.Slug)
	hf := hierarchyForm{org: org, title: "Ny enhed", fields: unitFields(units, 0),
		crumbs: []c.Crumb{{Label: "Enheder", Href: list}}, unique: "name",
		taken: "Der findes allerede en enhed med det navn.",
		view:  pages.HierarchyForm{Heading: "Ny enhed", Context: org.Name, What: "enheden", Action: list + "/ny", Cancel: list}}
	if u != nil {
		uu := c.UnitURL(u.ID)
		hf.title, hf.view.Heading, hf.fields = "Rediger enhed", u.Name, unitFields(units, u.ID)
		hf.crumbs = append(hf.crumbs, c.Crumb{Label: u.Name, Href: uu})
		hf.view.Action, hf.view.Cancel = pages.EditURL(uu), uu
		hf.view.Controls = &pages.ItemControls{Archive: uu + "/arkiver", Delete: uu + "/slet"}
	}
	return hf
}

// adminUnit loads the unit in the path and the organisation's units, if the signed-in person
// may edit them.
func (s *Server) adminUnit(r *http.Request) (domain.Organisation, domain.Unit, []domain.Unit, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.Unit{}, nil, err
	}
	u, err := s.store.GetUnit(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, u, nil, err
	}
	org, err := s.hierarchyOrg(r, u.OrganisationID)
	if err == nil && u.ArchivedAt != nil {
		err = store.ErrNotFound
	}
	if err != nil {
		return org, u, nil, err
	}
	units, err := s.store.ListUnitsByOrganisation(r.Context(), org.ID)
	return org, u, currentUnits(units), err
}

func currentUnits(units []domain.Unit) []domain.Unit {
	var out []domain.Unit
	for _, u := range units {
		if u.ArchivedAt == nil {
			out = append(out, u)
		}
	}
	return out
}

// unitItem is the unit in the path for the generic move, archive and delete.
func (s *Server) unitItem(r *http.Request) (adminItem, error) {
	org, u, _, err := s.adminUnit(r)
	return adminItem{org: org, lv: store.LevelUnit, id: u.ID, title: u.Name, the: "Enheden",
		edit: pages.EditURL(c.UnitURL(u.ID)), back: pages.UnitsAdminURL(org.Slug)}, err
}

// newUnit shows the empty form for a unit; ?under= names its parent.
func (s *Server) newUnit(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitsByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	v := formValues{"kind": domain.UnitOmraade, "parent": r.URL.Query().Get("under")}
	return s.showForm(w, r, unitForm(org, currentUnits(units), nil), v, domain.Errors{}, 0, nil, http.StatusOK)
}

// createUnit adds a unit after its siblings.
func (s *Server) createUnit(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitsByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	return s.saveForm(w, r, unitForm(org, currentUnits(units), nil), nil, func(v formValues, _ int32) (string, error) {
		if taken(units, v["name"], 0) {
			return "", errNumberTaken
		}
		id, err := s.store.AddUnit(r.Context(), currentUser(r).ID, unitOf(domain.Unit{OrganisationID: org.ID}, v))
		return string(c.UnitURL(id)), err
	}, "Enheden er oprettet.")
}

// taken reports whether another current unit than except has the name (units are named in
// agreements and spreadsheets, so names are unique).
func taken(units []domain.Unit, name string, except int64) bool {
	for _, u := range units {
		if u.Name == name && u.ID != except && u.ArchivedAt == nil {
			return true
		}
	}
	return false
}

// editUnit shows a unit's edit form.
func (s *Server) editUnit(w http.ResponseWriter, r *http.Request) error {
	org, u, units, err := s.adminUnit(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, unitForm(org, units, &u), unitValues(u), domain.Errors{}, u.Version, nil, http.StatusOK)
}

// updateUnit saves a unit's fields; a new parent places it last among its new siblings.
func (s *Server) updateUnit(w http.ResponseWriter, r *http.Request) error {
	org, u, units, err := s.adminUnit(r)
	if err != nil {
		return err
	}
	stored := func() (formValues, int32, error) {
		cur, err := s.store.GetUnit(r.Context(), u.ID)
		return unitValues(cur), cur.Version, err
	}
	return s.saveForm(w, r, unitForm(org, units, &u), stored, func(v formValues, version int32) (string, error) {
		if taken(units, v["name"], u.ID) {
			return "", errNumberTaken
		}
		next := unitOf(u, v)
		next.Version = version
		_, err := s.store.UpdateUnit(r.Context(), currentUser(r).ID, next)
		if errors.Is(err, store.ErrCycle) {
			return "", &fieldError{"parent", "En enhed kan ikke høre under sig selv eller en af sine egne enheder."}
		}
		return string(c.UnitURL(u.ID)), err
	}, "Ændringerne er gemt.")
}

// unitParam is the id in ?under= as text, for the units list's links.
func unitParam(id int64) string { return "?under=" + strconv.FormatInt(id, 10) }
