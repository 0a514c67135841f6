package server

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The OL agenda: for a year's plan, every handleplan marked OL with what the områdelederkreds
// is to do, grouped by indsatsområde and printable, and OL's treatment of each (when and what
// it decided), which also goes into the handleplan's history.

// olAgenda is the plan's OL agenda: six queries with the session's.
func (s *Server) olAgenda(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.readableAnnualPlan(r)
	if err != nil {
		return err
	}
	return s.renderOLAgenda(w, r, http.StatusOK, pages.OLAgendaView{Org: org, Plan: pl})
}

// renderOLAgenda fills the agenda (tracks, areas, the items marked OL) and renders it with status.
func (s *Server) renderOLAgenda(w http.ResponseWriter, r *http.Request, status int, v pages.OLAgendaView) error {
	ctx := r.Context()
	var err error
	if v.Tracks, err = s.store.ListTracksByStrategy(ctx, v.Plan.StrategyID); err != nil {
		return err
	}
	if v.Areas, err = s.store.ListAnnualPlanAreas(ctx, v.Plan.ID); err != nil {
		return err
	}
	items, err := s.store.ListPlanItems(ctx, v.Plan.ID)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.OL {
			v.Items = append(v.Items, it)
		}
	}
	v.CanEdit = can(r, auth.EditGeneral, annualPlanResource(v.Plan))
	title := "OL-dagsorden " + c.Itoa(v.Plan.Year)
	return s.render(w, r, status, pages.OLAgenda(s.annualPlanPage(r, v.Org, v.Plan, title), v))
}

// recordOLTreatment saves when OL treated an item and what it decided. The fields are named
// after the item ("treated_on-12", "decision-12"); both are required. An item not marked OL has
// no form on the agenda: a request for it is a bad request. Messages come back on the agenda beside the item's fields (422); an item someone
// else saved meanwhile comes back with the person's input against the stored version (409).
func (s *Server) recordOLTreatment(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.editableAnnualPlan(r)
	if err != nil {
		return err
	}
	it, err := s.planItemParam(r, pl.ID)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	if !it.OL { // such an item has no form on the agenda
		return badRequest(it.Code + " er ikke markeret til behandling i OL i " + c.Itoa(pl.Year) + ".")
	}
	id := strconv.FormatInt(it.ID, 10)
	errs := domain.Errors{}
	f := pages.OLForm{Version: version, Errors: errs}
	var on *time.Time
	f.Date, on = dateField(r.PostForm, "treated_on-"+id, "Datoen", errs)
	f.Decision = multilineField(r.PostForm, "decision-"+id, "Beslutningen", domain.MaxOLDecision, errs)
	if on == nil {
		errs.Add("treated_on-"+id, "Skriv den dato, OL behandlede "+it.Code+", som åååå-mm-dd.")
	} else if on.After(s.today()) {
		errs.Add("treated_on-"+id, "OL kan ikke have behandlet "+it.Code+" på en dato i fremtiden.")
	}
	if f.Decision == "" {
		errs.Add("decision-"+id, "Skriv, hvad OL besluttede om "+it.Code+".")
	}
	v := pages.OLAgendaView{Org: org, Plan: pl, Forms: map[int64]pages.OLForm{it.ID: f}}
	if errs.Any() {
		return s.renderOLAgenda(w, r, http.StatusUnprocessableEntity, v)
	}
	_, err = s.store.RecordOLTreatment(r.Context(), currentUser(r).ID, pl.ID, it.ID, version, *on, f.Decision)
	if errors.Is(err, store.ErrConflict) {
		f.Conflicted, f.Version = true, it.Version
		v.Forms[it.ID] = f
		return s.renderOLAgenda(w, r, http.StatusConflict, v)
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(pages.OLAgendaURL(pl.ID))+"#punkt-"+id,
		"OL's behandling af "+it.Code+" er gemt og står i handleplanens historik.")
}
