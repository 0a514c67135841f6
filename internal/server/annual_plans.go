package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The yearly indsatsplaner: the plan's page, adoption and next year's plan (this file), the
// forms for its texts and handleplaner (annual_plan_forms.go, annual_plan_items.go), the OL
// agenda (ol_agenda.go) and the spreadsheet (annual_plan_xlsx.go). Everyone in the
// organisation reads a plan; the fagchef of the strategy's unit (or above) and admins change
// it (auth.EditGeneral). The rules of the yearly cycle are in internal/domain/annual_plan.go.

// annualPlanResource is what auth.Can decides on for a plan: its organisation and the
// strategy's unit with every unit above it.
func annualPlanResource(p domain.AnnualPlanDetail) auth.Resource {
	return auth.Resource{OrganisationID: p.OrganisationID, Units: p.ScopeUnits}
}

// readableAnnualPlan loads the plan in the path and its organisation, if the signed-in person
// may read it (another organisation's plan is errHidden: the 404 page).
func (s *Server) readableAnnualPlan(r *http.Request) (domain.Organisation, domain.AnnualPlanDetail, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.AnnualPlanDetail{}, err
	}
	pl, err := s.store.GetAnnualPlanDetail(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, pl, err
	}
	org, err := s.readableOrg(r, pl.OrganisationID)
	return org, pl, err
}

// editableAnnualPlan is readableAnnualPlan for a person who may also change the plan; anyone
// else gets errForbidden (errHidden across organisations) before anything of the request is read.
func (s *Server) editableAnnualPlan(r *http.Request) (domain.Organisation, domain.AnnualPlanDetail, error) {
	org, pl, err := s.readableAnnualPlan(r)
	if err != nil {
		return org, pl, err
	}
	return org, pl, s.authorize(r, auth.EditGeneral, annualPlanResource(pl))
}

// annualPlanPage is the layout of a plan's page, or of a page below it when sub is not "".
func (s *Server) annualPlanPage(r *http.Request, org domain.Organisation, pl domain.AnnualPlanDetail, sub string) c.Page {
	crumbs := []c.Crumb{{Label: pl.StrategyTitle, Href: c.StrategyURL(pl.StrategyID)}, {Label: pl.Title}}
	title := pl.Title
	if sub != "" {
		crumbs[1].Href = c.AnnualPlanURL(pl.ID)
		crumbs = append(crumbs, c.Crumb{Label: sub})
		title = sub + " – " + pl.Title
	}
	return s.orgPage(r, org, "forside", title, crumbs...)
}

// showAnnualPlan is a yearly indsatsplan's page: six queries with the session's.
func (s *Server) showAnnualPlan(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.readableAnnualPlan(r)
	if err != nil {
		return err
	}
	return s.renderAnnualPlan(w, r, http.StatusOK, pages.AnnualPlanDoc{Org: org, Plan: pl,
		Adopt: pages.AdoptForm{Date: s.today().Format(time.DateOnly)}})
}

// renderAnnualPlan fills the plan's page (tracks, areas, items, what the person may do) and
// renders it with status.
func (s *Server) renderAnnualPlan(w http.ResponseWriter, r *http.Request, status int, v pages.AnnualPlanDoc) error {
	ctx := r.Context()
	var err error
	if v.Tracks, err = s.store.ListTracksByStrategy(ctx, v.Plan.StrategyID); err != nil {
		return err
	}
	if v.Areas, err = s.store.ListAnnualPlanAreas(ctx, v.Plan.ID); err != nil {
		return err
	}
	if v.Items, err = s.store.ListPlanItems(ctx, v.Plan.ID); err != nil {
		return err
	}
	v.CanEdit = can(r, auth.EditGeneral, annualPlanResource(v.Plan))
	return s.render(w, r, status, pages.AnnualPlan(s.annualPlanPage(r, v.Org, v.Plan, ""), v))
}

// adoptAnnualPlan marks the plan vedtaget on the date in the form. A missing or wrong date
// comes back on the plan's page (422); a plan someone changed meanwhile too (409), with the
// changes shown, so the person adopts what they have seen.
func (s *Server) adoptAnnualPlan(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.editableAnnualPlan(r)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	errs := domain.Errors{}
	typed, on := dateField(r.PostForm, "adopted_on", "Datoen for vedtagelsen", errs)
	if on == nil {
		errs.Add("adopted_on", "Skriv den dato, planen blev vedtaget, som åååå-mm-dd, fx "+s.today().Format(time.DateOnly)+".")
	}
	v := pages.AnnualPlanDoc{Org: org, Plan: pl, Adopt: pages.AdoptForm{Date: typed, Error: errs["adopted_on"]}}
	if errs.Any() {
		return s.renderAnnualPlan(w, r, http.StatusUnprocessableEntity, v)
	}
	_, err = s.store.AdoptAnnualPlan(r.Context(), currentUser(r).ID, pl.ID, version, *on)
	if errors.Is(err, store.ErrConflict) {
		v.Problem = &pages.PlanProblem{Heading: "Planen er ændret, mens du så på den",
			Text: "Den er ikke markeret som vedtaget. Se planen, som den er nu, og markér den igen, hvis den skal vedtages."}
		return s.renderAnnualPlan(w, r, http.StatusConflict, v)
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(c.AnnualPlanURL(pl.ID)), pl.Title+" er markeret som vedtaget "+c.Date(on)+".")
}

// createNextAnnualPlan makes next year's plan from the plan in the path by the carry-over
// rules. The form names the year (the plan's year + 1), so that an empty or stale request
// makes nothing (400). A plan for that year that exists already, or a year outside the
// strategy's period, is refused with a message on the plan's page (409 and 422).
func (s *Server) createNextAnnualPlan(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.editableAnnualPlan(r)
	if err != nil {
		return err
	}
	year := pl.Year + 1
	if r.PostFormValue("year") != strconv.Itoa(int(year)) {
		return badRequest(fmt.Sprintf("Formularen skal sige, at indsatsplanen for %d skal laves. Hent siden igen.", year))
	}
	v := pages.AnnualPlanDoc{Org: org, Plan: pl, Adopt: pages.AdoptForm{Date: s.today().Format(time.DateOnly)}}
	if msg := domain.CheckNewPlanYear(year, pl.PeriodStart, pl.PeriodEnd, pl.NextPlanID != nil); msg != "" {
		v.Problem = &pages.PlanProblem{Heading: fmt.Sprintf("Indsatsplanen for %d er ikke lavet", year), Text: msg}
		status := http.StatusUnprocessableEntity
		if pl.NextPlanID != nil {
			status = http.StatusConflict
			v.Problem.Link, v.Problem.LinkText = c.AnnualPlanURL(*pl.NextPlanID), fmt.Sprintf("Gå til indsatsplanen for %d.", year)
		}
		return s.renderAnnualPlan(w, r, status, v)
	}
	title := domain.NextPlanTitle(pl.Title, pl.Year, year, pl.StrategyTitle)
	id, left, err := s.store.CreateAnnualPlanFrom(r.Context(), currentUser(r).ID, pl.StrategyID, year, title, &pl.ID)
	if errors.Is(err, store.ErrConflict) { // made by someone else since the page was read
		v.Problem = &pages.PlanProblem{Heading: fmt.Sprintf("Indsatsplanen for %d er ikke lavet", year),
			Text: domain.CheckNewPlanYear(year, pl.PeriodStart, pl.PeriodEnd, true)}
		return s.renderAnnualPlan(w, r, http.StatusConflict, v)
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(c.AnnualPlanURL(id)), carriedMessage(title, pl, left))
}

// carriedMessage tells what the new plan got from the plan it was made from.
func carriedMessage(title string, from domain.AnnualPlanDetail, left []domain.LeftOut) string {
	msg := title + " er lavet ud fra " + from.Title + ": " + strconv.Itoa(int(from.ItemCount)-len(left)) +
		" handleplaner er ført over med teksterne fra " + c.Itoa(from.Year) + ", klar til at blive skrevet om."
	if len(left) > 0 {
		parts := make([]string, 0, len(left))
		for _, l := range left {
			parts = append(parts, l.Code+" ("+l.Reason+")")
		}
		msg += " Ikke ført over: " + strings.Join(parts, ", ") + "."
	}
	return msg
}
