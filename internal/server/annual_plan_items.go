package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// A yearly plan's handleplaner: adding one, its text and markers for the year, removing it.
// An item is named by the form field (or query parameter) "punkt" under the plan's path, so
// every route is the plan's and is authorised on the plan before the item is read.

// planItemParam reads the item named by "punkt" in the query or form; a missing or malformed
// one is a bad request, one of another plan not found.
func (s *Server) planItemParam(r *http.Request, planID int64) (domain.PlanItem, error) {
	id, ok := parseID(r.FormValue("punkt"))
	if !ok {
		return domain.PlanItem{}, badRequest("Siden mangler at vide, hvilken handleplan i planen det drejer sig om.")
	}
	return s.store.GetPlanItem(r.Context(), planID, id)
}

// addAnnualPlanItem adds a handleplan of the strategy to the plan and goes on to its form.
func (s *Server) addAnnualPlanItem(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.editableAnnualPlan(r)
	if err != nil {
		return err
	}
	areas, err := s.store.ListAnnualPlanAreas(r.Context(), pl.ID)
	if err != nil {
		return err
	}
	f := planFormOf(org, pl, areas)
	f.AddPlan, f.AddPhase = strings.TrimSpace(r.PostFormValue("action_plan")), r.PostFormValue("phase")
	apID, ok := parseID(f.AddPlan)
	if !ok {
		f.Errors.Add("action_plan", "Vælg den handleplan, der skal med i planen.")
	}
	if !domain.ValidItemPhase(f.AddPhase) {
		f.Errors.Add("phase", "Vælg, om handleplanen er en forberedende eller en aktiv indsats i året.")
	}
	if !f.Errors.Any() {
		id, err := s.store.AddAnnualPlanItem(r.Context(), currentUser(r).ID, pl.ID, apID, f.AddPhase)
		switch {
		case err == nil:
			return s.redirectWithFlash(w, r, string(pages.AnnualPlanItemURL(pl.ID, id)),
				"Handleplanen er føjet til planen. Skriv årets implementering.")
		case errors.Is(err, store.ErrConflict):
			f.Errors.Add("action_plan", "Handleplanen er allerede med i planen.")
		case errors.Is(err, store.ErrNotFound):
			f.Errors.Add("action_plan", "Vælg en af strategiens handleplaner fra listen.")
		default:
			return err
		}
	}
	return s.renderAnnualPlanEdit(w, r, http.StatusUnprocessableEntity, f)
}

// editAnnualPlanItem shows the form for an item's text and markers with its stored values.
// Without an item it sends the person to the plan's handleplaner to choose one.
func (s *Server) editAnnualPlanItem(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.editableAnnualPlan(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("punkt") == "" {
		http.Redirect(w, r, string(pages.AnnualPlanEditURL(pl.ID))+"#handleplaner", http.StatusSeeOther)
		return nil
	}
	it, err := s.planItemParam(r, pl.ID)
	if err != nil {
		return err
	}
	return s.renderPlanItemForm(w, r, http.StatusOK, itemFormOf(org, pl, it))
}

// itemFormOf is the item form with the stored values.
func itemFormOf(org domain.Organisation, pl domain.AnnualPlanDetail, it domain.PlanItem) pages.AnnualPlanItemForm {
	f := pages.AnnualPlanItemForm{Org: org, Plan: pl, Item: it, Version: it.Version, Phase: it.Phase,
		Implementation: it.Implementation, IsNew: it.IsNew, OL: it.OL, OLNote: it.OLNote, Errors: domain.Errors{}}
	if it.SameAsID != nil {
		f.SameAs = strconv.FormatInt(*it.SameAsID, 10)
	}
	return f
}

// renderPlanItemForm offers the plan's other items with a text of their own for the shared
// text, and renders the form with status.
func (s *Server) renderPlanItemForm(w http.ResponseWriter, r *http.Request, status int, f pages.AnnualPlanItemForm) error {
	items, err := s.store.ListPlanItems(r.Context(), f.Plan.ID)
	if err != nil {
		return err
	}
	f.SameAsOptions = sameAsOptions(f.Item, items)
	title := f.Item.Code + " i " + c.Itoa(f.Plan.Year)
	return s.render(w, r, status, pages.AnnualPlanItemEdit(s.annualPlanPage(r, f.Org, f.Plan, title), f))
}

// sameAsOptions are "Egen tekst" and the plan's other items that have a text of their own.
func sameAsOptions(it domain.PlanItem, items []domain.PlanItem) []c.Option {
	opts := []c.Option{{Value: "", Label: "Egen tekst"}}
	for _, o := range items {
		if o.ID != it.ID && o.SameAsID == nil {
			opts = append(opts, c.Option{Value: strconv.FormatInt(o.ID, 10), Label: "Se " + o.Code})
		}
	}
	return opts
}

// decodePlanItem reads the item form into f and the item to save, with the messages.
func decodePlanItem(r *http.Request, f *pages.AnnualPlanItemForm, items []domain.PlanItem) domain.PlanItem {
	v, errs := r.PostForm, domain.Errors{}
	f.Phase = v.Get("phase")
	f.Implementation = multilineField(v, "implementation", "Implementeringen", domain.MaxItemText, errs)
	f.IsNew, f.OL, f.Reviewed = v.Get("is_new") != "", v.Get("ol") != "", v.Get("reviewed") != ""
	f.OLNote = multilineField(v, "ol_note", "Teksten om OL", domain.MaxOLNote, errs)
	f.SameAs = strings.TrimSpace(v.Get("same_as"))
	it := f.Item
	it.Version, it.Phase, it.Implementation, it.IsNew, it.OL, it.OLNote, it.SameAsID =
		f.Version, f.Phase, f.Implementation, f.IsNew, f.OL, f.OLNote, nil
	if f.SameAs != "" {
		if id, ok := parseID(f.SameAs); ok {
			it.SameAsID = &id
		} else {
			errs.Add("same_as", "Vælg en handleplan fra listen.")
		}
	}
	if _, bad := errs["same_as"]; !bad {
		domain.ValidateItem(it.AnnualPlanItem, items, errs)
	}
	f.Errors = errs
	return it
}

// updateAnnualPlanItem saves an item's text and markers. Messages come back beside the
// fields (422); an item someone else saved meanwhile comes back with the differences (409).
func (s *Server) updateAnnualPlanItem(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.editableAnnualPlan(r)
	if err != nil {
		return err
	}
	stored, err := s.planItemParam(r, pl.ID)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	items, err := s.store.ListPlanItems(r.Context(), pl.ID)
	if err != nil {
		return err
	}
	f := itemFormOf(org, pl, stored)
	f.Version = version
	it := decodePlanItem(r, &f, items)
	if f.Errors.Any() {
		return s.renderPlanItemForm(w, r, http.StatusUnprocessableEntity, f)
	}
	_, err = s.store.EditAnnualPlanItem(r.Context(), currentUser(r).ID, it, f.Reviewed)
	if errors.Is(err, store.ErrConflict) {
		f.Conflicted, f.Conflict, f.Version = true, itemConflict(itemFormOf(org, pl, stored), f, items), stored.Version
		return s.renderPlanItemForm(w, r, http.StatusConflict, f)
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(c.AnnualPlanURL(pl.ID))+"#punkt-"+strconv.FormatInt(it.ID, 10),
		it.Code+" er gemt for "+c.Itoa(pl.Year)+".")
}

// itemConflict lists the item's fields where the stored values and the person's input differ.
func itemConflict(stored, typed pages.AnnualPlanItemForm, items []domain.PlanItem) []pages.ConflictRow {
	yes := func(b bool) string {
		if b {
			return "Ja"
		}
		return "Nej"
	}
	code := func(id string) string {
		for _, o := range items {
			if strconv.FormatInt(o.ID, 10) == id {
				return o.Code
			}
		}
		return ""
	}
	return conflictRows(
		[]string{"Indsats i året", "INITIATIV", "Teksten står under", "Implementering", "OL", "Hvad OL gør"},
		[]string{domain.ItemPhaseLabel(stored.Phase), yes(stored.IsNew), code(stored.SameAs), stored.Implementation,
			yes(stored.OL), stored.OLNote},
		[]string{domain.ItemPhaseLabel(typed.Phase), yes(typed.IsNew), code(typed.SameAs), typed.Implementation,
			yes(typed.OL), typed.OLNote})
}

// removeAnnualPlanItem removes an item from the plan. An item someone changed meanwhile is not
// removed: the plan's form comes back with a message (409).
func (s *Server) removeAnnualPlanItem(w http.ResponseWriter, r *http.Request) error {
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
	err = s.store.RemoveAnnualPlanItem(r.Context(), currentUser(r).ID, pl.ID, it.ID, version)
	if errors.Is(err, store.ErrConflict) {
		areas, err := s.store.ListAnnualPlanAreas(r.Context(), pl.ID)
		if err != nil {
			return err
		}
		f := planFormOf(org, pl, areas)
		f.Problem = &pages.PlanProblem{Heading: it.Code + " er ændret, mens du så på planen",
			Text: it.Code + " er ikke fjernet. Se ændringen, og fjern den igen, hvis den stadig ikke skal med.",
			Link: pages.AnnualPlanItemURL(pl.ID, it.ID), LinkText: "Se " + it.Code + "."}
		return s.renderAnnualPlanEdit(w, r, http.StatusConflict, f)
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(pages.AnnualPlanEditURL(pl.ID))+"#handleplaner",
		it.Code+" er fjernet fra "+pl.Title+".")
}
