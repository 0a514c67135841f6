package server

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Creating, editing and archiving indicators, and entering one measurement. Who may: see
// indicators.go. The forms are decoded in indicator_decode.go.

// indicatorItem is an item a new indicator is made for: its organisation and a row that holds
// the item (the indicator's GoalID, InitiativeID or ActionPlanID set).
type indicatorItem struct {
	org      domain.Organisation
	row      domain.IndicatorRow
	archived bool
}

// itemForIndicator loads the item of kind (domain.ItemGoal, ItemInitiative or ItemActionPlan)
// with the id in the path, and checks that the signed-in person may keep its indicators.
func (s *Server) itemForIndicator(r *http.Request, kind string) (indicatorItem, error) {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return indicatorItem{}, err
	}
	it := indicatorItem{row: domain.IndicatorRow{ItemKind: kind, ItemID: id}}
	var archived *time.Time
	switch kind {
	case domain.ItemGoal:
		g, err := s.store.GetGoalDetail(ctx, id)
		if err != nil {
			return it, err
		}
		it.row.OrganisationID, it.row.ItemTitle, it.row.GoalID, archived = g.OrganisationID, g.Title, &id, g.ArchivedAt
	case domain.ItemInitiative:
		in, err := s.store.GetInitiativeDetail(ctx, id)
		if err != nil {
			return it, err
		}
		it.row.OrganisationID, it.row.ItemTitle, it.row.InitiativeID, archived = in.OrganisationID, in.Title, &id, in.ArchivedAt
		it.row.ScopeUnitID, it.row.InitiativeKind = in.ScopeUnitID, in.Kind
	default:
		a, err := s.store.GetActionPlanDetail(ctx, id)
		if err != nil {
			return it, err
		}
		it.row.OrganisationID, it.row.ItemTitle, it.row.ActionPlanID, archived = a.OrganisationID, a.Title, &id, a.ArchivedAt
		if a.Code != "" {
			it.row.ItemTitle = a.Code + ": " + a.Title
		}
		it.row.ScopeUnitID, it.row.InitiativeKind = a.ScopeUnitID, a.InitiativeKind
	}
	it.archived = archived != nil
	if it.org, err = s.readableOrg(r, it.row.OrganisationID); err != nil {
		return it, err
	}
	a, err := s.indicatorAccessOf(r, it.row)
	if err != nil {
		return it, err
	}
	if !mayKeepIndicators(r, a) {
		return it, s.authorize(r, a.action, a.res) // logs the denial and returns errForbidden or errHidden
	}
	return it, nil
}

// unitOptions are the organisation's units for the responsible unit's select.
func (s *Server) unitOptions(r *http.Request, orgID int64) ([]domain.Unit, []c.Option, error) {
	units, err := s.store.ListUnitsByOrganisation(r.Context(), orgID)
	opts := []c.Option{{Value: "", Label: "Ingen valgt"}}
	for _, u := range units {
		opts = append(opts, c.Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name})
	}
	return units, opts, err
}

// newIndicator shows the empty form for a new indicator of the item of kind in the path.
func (s *Server) newIndicator(kind string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		it, err := s.itemForIndicator(r, kind)
		if err != nil {
			return err
		}
		if it.archived {
			return store.ErrNotFound
		}
		_, opts, err := s.unitOptions(r, it.org.ID)
		if err != nil {
			return err
		}
		f := pages.IndicatorForm{Fields: pages.IndicatorFields{Direction: domain.DirectionHigher,
			Frequency: domain.FrequencyQuarterly}, Errors: domain.Errors{}, Units: opts}
		return s.renderNewIndicator(w, r, it, http.StatusOK, f)
	}
}

func (s *Server) renderNewIndicator(w http.ResponseWriter, r *http.Request, it indicatorItem, status int, f pages.IndicatorForm) error {
	f.Heading = "Ny indikator"
	f.Context = pages.IndicatorItemLabel(it.org, it.row) + ": " + it.row.ItemTitle
	f.Cancel = pages.IndicatorItemURL(it.row)
	f.Action = f.Cancel + "/indikatorer/ny"
	p := s.orgPage(r, it.org, "forside", f.Heading, c.Crumb{Label: it.row.ItemTitle, Href: f.Cancel}, c.Crumb{Label: f.Heading})
	return s.render(w, r, status, pages.IndicatorEdit(p, f))
}

// createIndicator creates an indicator of the item of kind in the path.
func (s *Server) createIndicator(kind string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		it, err := s.itemForIndicator(r, kind)
		if err != nil {
			return err
		}
		if it.archived {
			return store.ErrNotFound
		}
		units, opts, err := s.unitOptions(r, it.org.ID)
		if err != nil {
			return err
		}
		d, errs := decodeIndicatorForm(r.PostForm, units)
		if errs.Any() {
			f := pages.IndicatorForm{Fields: d.Fields, Errors: errs, Units: opts}
			return s.renderNewIndicator(w, r, it, http.StatusUnprocessableEntity, f)
		}
		ind := d.Indicator
		ind.GoalID, ind.InitiativeID, ind.ActionPlanID = it.row.GoalID, it.row.InitiativeID, it.row.ActionPlanID
		id, err := s.store.AddIndicator(r.Context(), currentUser(r).ID, ind)
		if err != nil {
			return err
		}
		return s.redirectWithFlash(w, r, string(pages.IndicatorURL(id)), "Indikatoren er oprettet.")
	}
}

// editIndicator shows an indicator's edit form with its stored values and version.
func (s *Server) editIndicator(w http.ResponseWriter, r *http.Request) error {
	org, row, err := s.editableIndicator(r)
	if err != nil {
		return err
	}
	if row.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, string(pages.IndicatorURL(row.ID)), "Indikatoren er arkiveret og kan ikke redigeres.")
	}
	_, opts, err := s.unitOptions(r, org.ID)
	if err != nil {
		return err
	}
	f := pages.IndicatorForm{Version: row.Version, Fields: indicatorFields(row.Indicator), Errors: domain.Errors{}, Units: opts}
	return s.renderIndicatorEdit(w, r, org, row, http.StatusOK, f)
}

func (s *Server) renderIndicatorEdit(w http.ResponseWriter, r *http.Request, org domain.Organisation, row domain.IndicatorRow,
	status int, f pages.IndicatorForm) error {
	f.Heading, f.Context = "Rediger indikator", "Indikator: "+row.Name
	f.Action, f.Cancel = pages.IndicatorURL(row.ID)+"/rediger", pages.IndicatorURL(row.ID)
	return s.render(w, r, status, pages.IndicatorEdit(s.indicatorPage(r, org, row, f.Heading), f))
}

// updateIndicator saves an indicator's edit. A stale version changes nothing: the form comes
// back (409) with the stored values beside the typed ones and the stored version.
func (s *Server) updateIndicator(w http.ResponseWriter, r *http.Request) error {
	org, row, err := s.editableIndicator(r)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	here := string(pages.IndicatorURL(row.ID))
	if row.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, here, "Indikatoren er arkiveret og kan ikke redigeres.")
	}
	units, opts, err := s.unitOptions(r, org.ID)
	if err != nil {
		return err
	}
	d, errs := decodeIndicatorForm(r.PostForm, units)
	f := pages.IndicatorForm{Version: version, Fields: d.Fields, Errors: errs, Units: opts}
	if errs.Any() {
		return s.renderIndicatorEdit(w, r, org, row, http.StatusUnprocessableEntity, f)
	}
	edit := d.Indicator
	edit.ID, edit.Version = row.ID, version
	if _, err = s.store.EditIndicator(r.Context(), currentUser(r).ID, edit); err == nil {
		return s.redirectWithFlash(w, r, here, "Indikatoren er gemt.")
	} else if !errors.Is(err, store.ErrConflict) {
		return err
	}
	stored, err := s.store.GetIndicator(r.Context(), row.ID)
	if err != nil {
		return err
	}
	if stored.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, here, "En anden har arkiveret indikatoren, mens du redigerede. Dine ændringer er ikke gemt.")
	}
	f.Version, f.Conflicted = stored.Version, true
	f.Conflict = indicatorConflict(indicatorFields(stored.Indicator), d.Fields, units)
	return s.renderIndicatorEdit(w, r, org, stored, http.StatusConflict, f)
}

// archiveIndicator archives an indicator if it is still the version the person saw.
func (s *Server) archiveIndicator(w http.ResponseWriter, r *http.Request) error {
	org, row, err := s.editableIndicator(r)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	here := pages.IndicatorURL(row.ID)
	if row.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, string(here), "Indikatoren er allerede arkiveret.")
	}
	err = s.store.ArchiveIndicator(r.Context(), currentUser(r).ID, row.ID, version)
	if errors.Is(err, store.ErrConflict) {
		v := pages.ArchiveConflictView{What: "indikatoren", Title: row.Name, Item: here, Archive: here + "/arkiver", Version: row.Version}
		return s.render(w, r, http.StatusConflict, pages.ArchiveConflict(s.indicatorPage(r, org, row, "Arkivér"), v))
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(pages.IndicatorItemURL(row)), "Indikatoren «"+row.Name+"» er arkiveret.")
}

// postMeasurement enters one measurement. A date that has a measurement the person did not
// mean to replace (or one that changed since they saw it) changes nothing: the page comes back
// (409) showing the stored value, and saving again replaces it.
func (s *Server) postMeasurement(w http.ResponseWriter, r *http.Request) error {
	org, row, err := s.editableIndicator(r)
	if err != nil {
		return err
	}
	here := string(pages.IndicatorURL(row.ID))
	if row.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, here, "Indikatoren er arkiveret; der kan ikke registreres målinger.")
	}
	m, f, err := decodeMeasurementForm(r.PostForm, s.today())
	if err != nil {
		return err
	}
	if f.Errors.Any() {
		return s.renderIndicator(w, r, org, row, http.StatusUnprocessableEntity, f, nil)
	}
	m.IndicatorID = row.ID
	if err = s.store.SaveMeasurement(r.Context(), currentUser(r).ID, m, f.Replace); err == nil {
		return s.redirectWithFlash(w, r, here+"#udvikling", "Målingen for "+c.Date(&m.AsOf)+" er gemt.")
	} else if !errors.Is(err, store.ErrConflict) {
		return err
	}
	return s.renderIndicator(w, r, org, row, http.StatusConflict, f, func(v *pages.IndicatorView) {
		v.Form.Changed, v.Form.Replace = v.Form.Replace != 0, 0
		for i, stored := range v.Measurements {
			if stored.AsOf.Equal(m.AsOf) {
				v.Form.Existing, v.Form.Replace = &v.Measurements[i], stored.Version
			}
		}
	})
}
