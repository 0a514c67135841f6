package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The forms for a strategy's new yearly plan and for a plan's own texts.

// editableStrategy loads the strategy in the path and its organisation, if the signed-in
// person may make its yearly plans (auth.EditGeneral on the strategy's unit).
func (s *Server) editableStrategy(r *http.Request) (domain.Organisation, domain.Strategy, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.Strategy{}, err
	}
	st, err := s.store.GetStrategy(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, st, err
	}
	org, err := s.readableOrg(r, st.OrganisationID)
	if err != nil {
		return org, st, err
	}
	res, err := s.itemResource(r, org.ID, st.UnitID)
	if err != nil {
		return org, st, err
	}
	return org, st, s.authorize(r, auth.EditGeneral, res)
}

// newAnnualPlan shows the form for the strategy's next yearly plan: the year after its latest
// plan (or this year, within the strategy's period), built on that latest plan.
func (s *Server) newAnnualPlan(w http.ResponseWriter, r *http.Request) error {
	org, st, err := s.editableStrategy(r)
	if err != nil {
		return err
	}
	plans, err := s.store.ListAnnualPlansByStrategy(r.Context(), st.ID)
	if err != nil {
		return err
	}
	year := min(max(int32(s.today().Year()), st.PeriodStart), st.PeriodEnd)
	f := pages.AnnualPlanNewForm{Strategy: st, Errors: domain.Errors{}}
	if n := len(plans); n > 0 {
		year, f.Source = plans[n-1].Year+1, strconv.FormatInt(plans[n-1].ID, 10)
	}
	f.Year = strconv.Itoa(int(year))
	return s.renderNewAnnualPlan(w, r, org, plans, http.StatusOK, f)
}

func (s *Server) renderNewAnnualPlan(w http.ResponseWriter, r *http.Request, org domain.Organisation,
	plans []domain.AnnualPlanRow, status int, f pages.AnnualPlanNewForm) error {
	f.Sources = []c.Option{{Value: "", Label: "Ingen – en tom plan med strategiens indsatsområder"}}
	for _, p := range plans {
		f.Sources = append(f.Sources, c.Option{Value: strconv.FormatInt(p.ID, 10), Label: p.Title})
	}
	p := s.orgPage(r, org, "forside", "Ny indsatsplan", c.Crumb{Label: f.Strategy.Title, Href: c.StrategyURL(f.Strategy.ID)},
		c.Crumb{Label: "Ny indsatsplan"})
	return s.render(w, r, status, pages.AnnualPlanNew(p, f))
}

// createAnnualPlan makes the strategy's plan for the year in the form, from the chosen plan or
// empty. The year must be a whole number within the strategy's period without a plan.
func (s *Server) createAnnualPlan(w http.ResponseWriter, r *http.Request) error {
	org, st, err := s.editableStrategy(r)
	if err != nil {
		return err
	}
	plans, err := s.store.ListAnnualPlansByStrategy(r.Context(), st.ID)
	if err != nil {
		return err
	}
	f := pages.AnnualPlanNewForm{Strategy: st, Year: strings.TrimSpace(r.PostFormValue("year")),
		Source: strings.TrimSpace(r.PostFormValue("source")), Errors: domain.Errors{}}
	year, yerr := strconv.Atoi(f.Year)
	if f.Year == "" || yerr != nil {
		f.Errors.Add("year", "Skriv året som et tal, fx "+c.Itoa(st.PeriodEnd)+".")
	}
	var source *domain.AnnualPlanRow
	if f.Source != "" {
		for i, p := range plans {
			if strconv.FormatInt(p.ID, 10) == f.Source {
				source = &plans[i]
			}
		}
		if source == nil {
			f.Errors.Add("source", "Vælg en af strategiens indsatsplaner, eller en tom plan.")
		}
	}
	if !f.Errors.Any() {
		taken := false
		for _, p := range plans {
			taken = taken || p.Year == int32(year)
		}
		if msg := domain.CheckNewPlanYear(int32(year), st.PeriodStart, st.PeriodEnd, taken); msg != "" {
			f.Errors.Add("year", msg)
		}
	}
	if f.Errors.Any() {
		return s.renderNewAnnualPlan(w, r, org, plans, http.StatusUnprocessableEntity, f)
	}
	title := st.Title + " – Indsatsplan " + strconv.Itoa(year)
	var from *int64
	if source != nil {
		title, from = domain.NextPlanTitle(source.Title, source.Year, int32(year), st.Title), &source.ID
	}
	id, left, err := s.store.CreateAnnualPlanFrom(r.Context(), currentUser(r).ID, st.ID, int32(year), title, from)
	if errors.Is(err, store.ErrConflict) {
		f.Errors.Add("year", domain.CheckNewPlanYear(int32(year), st.PeriodStart, st.PeriodEnd, true))
		return s.renderNewAnnualPlan(w, r, org, plans, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	msg := title + " er lavet."
	if source != nil {
		msg = carriedMessage(title, domain.AnnualPlanDetail{AnnualPlanRow: *source}, left)
	}
	return s.redirectWithFlash(w, r, string(c.AnnualPlanURL(id)), msg)
}

// editAnnualPlan shows the form for the plan's texts, with its handleplaner.
func (s *Server) editAnnualPlan(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.editableAnnualPlan(r)
	if err != nil {
		return err
	}
	areas, err := s.store.ListAnnualPlanAreas(r.Context(), pl.ID)
	if err != nil {
		return err
	}
	f := planFormOf(org, pl, areas)
	return s.renderAnnualPlanEdit(w, r, http.StatusOK, f)
}

// planFormOf is the plan form with the stored values.
func planFormOf(org domain.Organisation, pl domain.AnnualPlanDetail, areas []domain.AnnualPlanAreaRow) pages.AnnualPlanEditForm {
	f := pages.AnnualPlanEditForm{Org: org, Plan: pl, Version: pl.Version, Title: pl.Title, MainTheme: pl.MainTheme,
		Introduction: pl.Introduction, AddPhase: domain.PhaseActive, Errors: domain.Errors{}}
	for _, a := range areas {
		f.Areas = append(f.Areas, pages.AreaFields{AnnualPlanAreaRow: a, Narrative: a.Narrative, Assessment: a.Assessment})
	}
	return f
}

// renderAnnualPlanEdit adds the plan's items and the handleplaner that can be added, and
// renders the form with status.
func (s *Server) renderAnnualPlanEdit(w http.ResponseWriter, r *http.Request, status int, f pages.AnnualPlanEditForm) error {
	var err error
	if f.Items, err = s.store.ListPlanItems(r.Context(), f.Plan.ID); err != nil {
		return err
	}
	if f.Candidates, err = s.store.ListPlanCandidates(r.Context(), f.Plan.ID); err != nil {
		return err
	}
	return s.render(w, r, status, pages.AnnualPlanEdit(s.annualPlanPage(r, f.Org, f.Plan, "Rediger"), f))
}

// updateAnnualPlan saves the plan's texts and its indsatsområder's. Messages come back beside
// the fields (422); a plan someone else saved meanwhile comes back with the differences and
// the person's input, now against the stored version (409).
func (s *Server) updateAnnualPlan(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.editableAnnualPlan(r)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	areas, err := s.store.ListAnnualPlanAreas(r.Context(), pl.ID)
	if err != nil {
		return err
	}
	stored := planFormOf(org, pl, areas)
	f := stored
	f.Areas = append([]pages.AreaFields(nil), stored.Areas...)
	f.Version = version
	v, errs := r.PostForm, domain.Errors{}
	f.Title = textField(v, "title", "Titlen", domain.MaxPlanTitle, true, errs)
	f.MainTheme = textField(v, "main_theme", "Hovedtemaet", domain.MaxMainTheme, false, errs)
	f.Introduction = multilineField(v, "introduction", "Indledningen", domain.MaxIntroduction, errs)
	f.IntroReviewed = v.Get("intro_reviewed") != ""
	e := domain.PlanEdit{Plan: domain.AnnualPlan{ID: pl.ID, Title: f.Title, MainTheme: f.MainTheme,
		Introduction: f.Introduction, Meta: domain.Meta{Version: version}}, IntroReviewed: f.IntroReviewed, AreaLabel: org.LabelGeneral}
	for i, a := range f.Areas {
		id := strconv.FormatInt(a.InitiativeID, 10)
		label := org.LabelGeneral + " " + c.Itoa(a.Number)
		f.Areas[i].Narrative = multilineField(v, "narrative-"+id, "Teksten om "+label, domain.MaxAreaText, errs)
		f.Areas[i].Assessment = multilineField(v, "assessment-"+id, "Vurderingen af "+label, domain.MaxAreaText, errs)
		e.Areas = append(e.Areas, domain.AnnualPlanArea{AnnualPlanID: pl.ID, InitiativeID: a.InitiativeID,
			Narrative: f.Areas[i].Narrative, Assessment: f.Areas[i].Assessment})
	}
	f.Errors = errs
	if errs.Any() {
		return s.renderAnnualPlanEdit(w, r, http.StatusUnprocessableEntity, f)
	}
	_, err = s.store.EditAnnualPlan(r.Context(), currentUser(r).ID, e)
	if errors.Is(err, store.ErrConflict) {
		f.Conflicted, f.Conflict, f.Version = true, planConflict(stored, f), pl.Version
		return s.renderAnnualPlanEdit(w, r, http.StatusConflict, f)
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(c.AnnualPlanURL(pl.ID)), "Ændringerne i planen er gemt.")
}

// planConflict lists the plan's fields where the stored values and the person's input differ.
func planConflict(stored, typed pages.AnnualPlanEditForm) []pages.ConflictRow {
	labels := []string{"Titel", "Hovedtema", "Indledning"}
	theirs := []string{stored.Title, stored.MainTheme, stored.Introduction}
	yours := []string{typed.Title, typed.MainTheme, typed.Introduction}
	for i, a := range stored.Areas {
		label := stored.Org.LabelGeneral + " " + c.Itoa(a.Number)
		labels = append(labels, label+" – tekst", label+" – vurdering")
		theirs = append(theirs, a.Narrative, a.Assessment)
		yours = append(yours, typed.Areas[i].Narrative, typed.Areas[i].Assessment)
	}
	return conflictRows(labels, theirs, yours)
}
