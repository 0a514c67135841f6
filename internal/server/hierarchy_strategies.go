package server

import (
	"net/http"
	"strconv"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Administration of strategies: create and edit (period, vision, the unit whose strategy it is).

// unitOptions are the organisation's current units for a select, with "none" first.
func unitChoices(units []domain.Unit, none string) []c.Option {
	out := []c.Option{{Value: "", Label: none}}
	for _, u := range units {
		if u.ArchivedAt == nil {
			out = append(out, c.Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name})
		}
	}
	return out
}

func strategyFields(units []domain.Unit) []field {
	return []field{
		{name: "title", label: "Titel", subject: "Titlen", required: true, max: 300},
		{name: "unit", label: "Enhed", kind: "select", options: unitChoices(units, "Ingen enhed"),
			hint: "Den enhed, hvis strategi det er, fx fagområdet."},
		{name: "period_start", label: "Periode fra (år)", subject: "Startåret", kind: "number", min: 1900, most: 2200},
		{name: "period_end", label: "Periode til (år)", subject: "Slutåret", kind: "number", min: 1900, most: 2200},
		{name: "vision", label: "Vision", subject: "Visionen", max: 500},
		{name: "description", label: "Beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
	}
}

// checkPeriod checks that a period does not end before it begins.
func checkPeriod(v formValues, errs domain.Errors) {
	if start, end := atoi32(v["period_start"]), atoi32(v["period_end"]); errs["period_start"] == "" &&
		errs["period_end"] == "" && end < start {
		errs.Add("period_end", "Perioden kan ikke slutte, før den begynder.")
	}
}

func strategyValues(s domain.Strategy) formValues {
	return formValues{"title": s.Title, "unit": idText(s.UnitID), "period_start": c.Itoa(s.PeriodStart),
		"period_end": c.Itoa(s.PeriodEnd), "vision": s.Vision, "description": s.Description}
}

// strategyOf is the strategy the form's values describe.
func strategyOf(s domain.Strategy, v formValues) domain.Strategy {
	s.Title, s.UnitID, s.Vision, s.Description = v["title"], optionalID(v["unit"]), v["vision"], v["description"]
	s.PeriodStart, s.PeriodEnd = atoi32(v["period_start"]), atoi32(v["period_end"])
	return s
}

// strategyForm is the form for a new strategy (st nil) or for editing st.
func strategyForm(org domain.Organisation, units []domain.Unit, st *domain.Strategy) hierarchyForm {
	hf := hierarchyForm{org: org, title: "Ny strategi", crumbs: []c.Crumb{adminCrumb(org)}, fields: strategyFields(units),
		check: checkPeriod, view: pages.HierarchyForm{Heading: "Ny strategi", Context: org.Name, What: "strategien",
			Action: templURL("/org/" + org.Slug + "/admin/strategier/ny"), Cancel: c.HierarchyAdminURL(org.Slug)}}
	if st != nil {
		u := c.StrategyURL(st.ID)
		hf.title, hf.view.Heading = "Rediger strategi", st.Title
		hf.crumbs = append(hf.crumbs, c.Crumb{Label: st.Title, Href: u})
		hf.view.Action, hf.view.Cancel = pages.EditURL(u), u
		hf.view.Controls = &pages.ItemControls{Archive: u + "/arkiver", Delete: u + "/slet"}
	}
	return hf
}

// adminStrategy loads the strategy in the path and the organisation's units, if the
// signed-in person may edit it.
func (s *Server) adminStrategy(r *http.Request) (domain.Organisation, domain.Strategy, []domain.Unit, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.Strategy{}, nil, err
	}
	st, err := s.store.GetStrategy(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, st, nil, err
	}
	org, err := s.hierarchyOrg(r, st.OrganisationID)
	if err == nil && st.ArchivedAt != nil {
		err = store.ErrNotFound
	}
	if err != nil {
		return org, st, nil, err
	}
	units, err := s.store.ListUnitsByOrganisation(r.Context(), org.ID)
	return org, st, units, err
}

// strategyItem is the strategy in the path for the generic move, archive and delete.
func (s *Server) strategyItem(r *http.Request) (adminItem, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return adminItem{}, err
	}
	st, err := s.store.GetStrategy(r.Context(), id)
	if err != nil {
		return adminItem{}, err
	}
	org, err := s.hierarchyOrg(r, st.OrganisationID)
	return adminItem{org: org, lv: store.LevelStrategy, id: st.ID, title: st.Title, the: "Strategien",
		edit: pages.EditURL(c.StrategyURL(st.ID)), back: c.HierarchyAdminURL(org.Slug)}, err
}

// newStrategy shows the empty form for a strategy.
func (s *Server) newStrategy(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitsByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	year := c.Itoa(s.today().Year())
	return s.showForm(w, r, strategyForm(org, units, nil), formValues{"period_start": year, "period_end": year},
		domain.Errors{}, 0, nil, http.StatusOK)
}

// createStrategy adds a strategy after the organisation's others.
func (s *Server) createStrategy(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitsByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	return s.saveForm(w, r, strategyForm(org, units, nil), nil, func(v formValues, _ int32) (string, error) {
		id, err := s.store.AddStrategy(r.Context(), currentUser(r).ID, strategyOf(domain.Strategy{OrganisationID: org.ID}, v))
		return string(c.StrategyURL(id)), err
	}, "Strategien er oprettet.")
}

// editStrategy shows a strategy's edit form.
func (s *Server) editStrategy(w http.ResponseWriter, r *http.Request) error {
	org, st, units, err := s.adminStrategy(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, strategyForm(org, units, &st), strategyValues(st), domain.Errors{}, st.Version, nil, http.StatusOK)
}

// updateStrategy saves a strategy's fields.
func (s *Server) updateStrategy(w http.ResponseWriter, r *http.Request) error {
	org, st, units, err := s.adminStrategy(r)
	if err != nil {
		return err
	}
	stored := func() (formValues, int32, error) {
		cur, err := s.store.GetStrategy(r.Context(), st.ID)
		return strategyValues(cur), cur.Version, err
	}
	return s.saveForm(w, r, strategyForm(org, units, &st), stored, func(v formValues, version int32) (string, error) {
		next := strategyOf(st, v)
		next.Version = version
		_, err := s.store.UpdateStrategy(r.Context(), currentUser(r).ID, next)
		return string(c.StrategyURL(st.ID)), err
	}, "Ændringerne er gemt.")
}
