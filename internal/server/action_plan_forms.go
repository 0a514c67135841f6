package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Creating, editing and archiving action plans. A plan belongs where its initiative does: one
// under a local initiative is the område's, one directly under a general initiative (as the
// region's handleplaner are) the fagområde's.

// editableActionPlan loads the action plan in the path and checks that the signed-in person
// may change it.
func (s *Server) editableActionPlan(r *http.Request) (domain.Organisation, domain.ActionPlanDetail, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.ActionPlanDetail{}, err
	}
	a, err := s.store.GetActionPlanDetail(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, a, err
	}
	org, err := s.readableOrg(r, a.OrganisationID)
	if err != nil {
		return org, a, err
	}
	res, err := s.itemResource(r, org.ID, a.ScopeUnitID)
	if err != nil {
		return org, a, err
	}
	return org, a, s.authorize(r, initiativeAction(a.InitiativeKind), res)
}

// planChoices are the organisation's ladder steps and begreber, which the form offers.
type planChoices struct {
	steps []domain.LadderStep
	terms []domain.Term
}

func (s *Server) planChoicesOf(r *http.Request, orgID int64) (planChoices, error) {
	var ch planChoices
	var err error
	if ch.steps, err = s.store.ListLadderSteps(r.Context(), orgID); err != nil {
		return ch, err
	}
	ch.terms, err = s.store.ListTermsByOrganisation(r.Context(), orgID)
	return ch, err
}

// checkPlan checks the choices and that the code is free under the initiative (exceptID is the
// plan being edited, 0 for a new one).
func (s *Server) checkPlan(r *http.Request, d actionPlanForm, ch planChoices, initiativeID, exceptID int64, errs domain.Errors) error {
	d.checkChoices(ch.steps, ch.terms, errs)
	if _, bad := errs["code"]; bad || d.Code == "" {
		return nil
	}
	taken, err := s.store.ActionPlanCodeTaken(r.Context(), initiativeID, d.Code, exceptID)
	if taken {
		errs.Add("code", codeTaken(d.Code))
	}
	return err
}

// codeTaken is the message beside a code another plan under the initiative has.
func codeTaken(code string) string {
	return "Nummeret " + code + " bruges allerede af en anden handleplan under indsatsen."
}

// actionPlanFields are the stored plan's values (and begreber) as the form shows them.
func actionPlanFields(a domain.ActionPlan, termIDs []int64) pages.ActionPlanFields {
	f := pages.ActionPlanFields{Code: a.Code, Title: a.Title, Description: a.Description, Responsible: a.Responsible,
		Start: formatDate(a.StartDate), Deadline: formatDate(a.Deadline), Weight: formatWeight(a.Weight)}
	if a.LadderStepID != nil {
		f.LadderStep = strconv.FormatInt(*a.LadderStepID, 10)
	}
	for _, id := range termIDs {
		f.Terms = append(f.Terms, strconv.FormatInt(id, 10))
	}
	return f
}

// actionPlanConflict lists the fields where the stored plan and the person's input (both as the
// form shows them) differ, with the ladder step and the begreber by name.
func actionPlanConflict(stored, typed pages.ActionPlanFields, ch planChoices) []pages.ConflictRow {
	step := func(id string) string {
		if i := slices.IndexFunc(ch.steps, func(s domain.LadderStep) bool { return strconv.FormatInt(s.ID, 10) == id }); i >= 0 {
			return ch.steps[i].Name
		}
		return id
	}
	terms := func(ids []string) string {
		var names []string
		for _, t := range ch.terms {
			if slices.Contains(ids, strconv.FormatInt(t.ID, 10)) {
				names = append(names, t.Name)
			}
		}
		return strings.Join(names, ", ")
	}
	return conflictRows(
		[]string{"Nummer", "Titel", "Beskrivelse", "Ansvarlig", "Start", "Frist", "Trin på Indsatstrappen", "Begreber", "Vægt"},
		[]string{stored.Code, stored.Title, stored.Description, stored.Responsible, stored.Start, stored.Deadline,
			step(stored.LadderStep), terms(stored.Terms), stored.Weight},
		[]string{typed.Code, typed.Title, typed.Description, typed.Responsible, typed.Start, typed.Deadline,
			step(typed.LadderStep), terms(typed.Terms), typed.Weight})
}

// newActionPlan shows the empty form for a new action plan under the initiative in the path.
func (s *Server) newActionPlan(w http.ResponseWriter, r *http.Request) error {
	org, in, err := s.editableInitiative(r)
	if err != nil {
		return err
	}
	if in.ArchivedAt != nil {
		return store.ErrNotFound
	}
	ch, err := s.planChoicesOf(r, org.ID)
	if err != nil {
		return err
	}
	f := pages.ActionPlanForm{Fields: pages.ActionPlanFields{Weight: "1"}, Errors: domain.Errors{}}
	return s.renderNewActionPlan(w, r, org, in, ch, http.StatusOK, f)
}

func (s *Server) renderNewActionPlan(w http.ResponseWriter, r *http.Request, org domain.Organisation,
	in domain.InitiativeDetail, ch planChoices, status int, f pages.ActionPlanForm) error {
	f.Heading = "Ny " + strings.ToLower(org.LabelActionPlan)
	f.Context = "Under " + strings.ToLower(kindName(org, in.Kind)) + ": " + in.Title
	f.Action, f.Cancel = c.InitiativeURL(in.ID)+"/handleplaner/ny", c.InitiativeURL(in.ID)
	f.Steps, f.Terms = ch.steps, ch.terms
	return s.render(w, r, status, pages.ActionPlanEdit(s.initiativeFormPage(r, org, in, f.Heading), f))
}

// createActionPlan creates an action plan under the initiative in the path.
func (s *Server) createActionPlan(w http.ResponseWriter, r *http.Request) error {
	org, in, err := s.editableInitiative(r)
	if err != nil {
		return err
	}
	if in.ArchivedAt != nil {
		return store.ErrNotFound
	}
	ch, err := s.planChoicesOf(r, org.ID)
	if err != nil {
		return err
	}
	d, errs := decodeActionPlanForm(r.PostForm)
	if err := s.checkPlan(r, d, ch, in.ID, 0, errs); err != nil {
		return err
	}
	f := pages.ActionPlanForm{Fields: d.Fields, Errors: errs}
	if !errs.Any() {
		a := domain.ActionPlan{InitiativeID: in.ID, Code: d.Code, Title: d.Title, Description: d.Description,
			Responsible: d.Responsible, StartDate: d.Start, Deadline: d.Deadline, LadderStepID: d.LadderStepID, Weight: d.Weight}
		id, err := s.store.AddActionPlan(r.Context(), currentUser(r).ID, a, d.TermIDs)
		if err == nil {
			return s.redirectWithFlash(w, r, string(c.ActionPlanURL(id)), "Handleplanen er oprettet.")
		} else if !errors.Is(err, store.ErrConflict) {
			return err
		}
		errs.Add("code", codeTaken(d.Code)) // taken since the check
	}
	return s.renderNewActionPlan(w, r, org, in, ch, http.StatusUnprocessableEntity, f)
}

// editActionPlan shows an action plan's edit form with its stored values and version.
func (s *Server) editActionPlan(w http.ResponseWriter, r *http.Request) error {
	org, a, err := s.editableActionPlan(r)
	if err != nil {
		return err
	}
	if a.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, string(c.ActionPlanURL(a.ID)), "Handleplanen er arkiveret og kan ikke redigeres.")
	}
	ch, err := s.planChoicesOf(r, org.ID)
	if err != nil {
		return err
	}
	termIDs, err := s.store.ListActionPlanTermIDs(r.Context(), a.ID)
	if err != nil {
		return err
	}
	f := pages.ActionPlanForm{Version: a.Version, Fields: actionPlanFields(a.ActionPlan, termIDs), Errors: domain.Errors{}}
	return s.renderActionPlanEdit(w, r, org, a, ch, http.StatusOK, f)
}

func (s *Server) renderActionPlanEdit(w http.ResponseWriter, r *http.Request, org domain.Organisation,
	a domain.ActionPlanDetail, ch planChoices, status int, f pages.ActionPlanForm) error {
	title := a.Title
	if a.Code != "" {
		title = a.Code + ": " + a.Title
	}
	f.Heading = "Rediger " + strings.ToLower(org.LabelActionPlan)
	f.Context = org.LabelActionPlan + " " + title
	f.Action, f.Cancel = c.ActionPlanURL(a.ID)+"/rediger", c.ActionPlanURL(a.ID)
	f.Steps, f.Terms = ch.steps, ch.terms
	crumbs := []c.Crumb{
		{Label: a.StrategyTitle, Href: c.StrategyURL(a.StrategyID)},
		{Label: trackLabel(org, a.TrackNumber, a.TrackTitle), Href: c.TrackURL(a.TrackID)},
	}
	if a.ParentID != nil {
		crumbs = append(crumbs, c.Crumb{Label: a.ParentTitle, Href: c.InitiativeURL(*a.ParentID)})
	}
	crumbs = append(crumbs, c.Crumb{Label: a.InitiativeTitle, Href: c.InitiativeURL(a.InitiativeID)},
		c.Crumb{Label: title, Href: c.ActionPlanURL(a.ID)}, c.Crumb{Label: f.Heading})
	return s.render(w, r, status, pages.ActionPlanEdit(s.orgPage(r, org, "forside", f.Heading, crumbs...), f))
}

// updateActionPlan saves an action plan's edit. A stale version changes nothing: the form comes
// back (409) with the stored values beside the typed ones and the stored version.
func (s *Server) updateActionPlan(w http.ResponseWriter, r *http.Request) error {
	org, a, err := s.editableActionPlan(r)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	here := string(c.ActionPlanURL(a.ID))
	if a.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, here, "Handleplanen er arkiveret og kan ikke redigeres.")
	}
	ch, err := s.planChoicesOf(r, org.ID)
	if err != nil {
		return err
	}
	d, errs := decodeActionPlanForm(r.PostForm)
	if err := s.checkPlan(r, d, ch, a.InitiativeID, a.ID, errs); err != nil {
		return err
	}
	f := pages.ActionPlanForm{Version: version, Fields: d.Fields, Errors: errs}
	if errs.Any() {
		return s.renderActionPlanEdit(w, r, org, a, ch, http.StatusUnprocessableEntity, f)
	}
	edit := a.ActionPlan
	edit.Version, edit.Code, edit.Title, edit.Description, edit.Responsible = version, d.Code, d.Title, d.Description, d.Responsible
	edit.StartDate, edit.Deadline, edit.LadderStepID, edit.Weight = d.Start, d.Deadline, d.LadderStepID, d.Weight
	_, err = s.store.EditActionPlan(r.Context(), currentUser(r).ID, edit, d.TermIDs)
	if err == nil {
		return s.redirectWithFlash(w, r, here, "Handleplanen er gemt.")
	} else if !errors.Is(err, store.ErrConflict) {
		return err
	}
	stored, err := s.store.GetActionPlanDetail(r.Context(), a.ID)
	if err != nil {
		return err
	}
	switch {
	case stored.ArchivedAt != nil:
		return s.redirectWithFlash(w, r, here, "En anden har arkiveret handleplanen, mens du redigerede. Dine ændringer er ikke gemt.")
	case stored.Version == version: // the version held, so the code was taken since the check
		errs.Add("code", codeTaken(d.Code))
		return s.renderActionPlanEdit(w, r, org, a, ch, http.StatusUnprocessableEntity, f)
	}
	termIDs, err := s.store.ListActionPlanTermIDs(r.Context(), a.ID)
	if err != nil {
		return err
	}
	f.Version, f.Conflicted = stored.Version, true
	f.Conflict = actionPlanConflict(actionPlanFields(stored.ActionPlan, termIDs), actionPlanFields(edit, d.TermIDs), ch)
	return s.renderActionPlanEdit(w, r, org, stored, ch, http.StatusConflict, f)
}

// archiveActionPlan archives an action plan if it is still the version the person saw.
func (s *Server) archiveActionPlan(w http.ResponseWriter, r *http.Request) error {
	org, a, err := s.editableActionPlan(r)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	here := string(c.ActionPlanURL(a.ID))
	if a.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, here, "Handleplanen er allerede arkiveret.")
	}
	err = s.store.ArchiveActionPlan(r.Context(), currentUser(r).ID, a.ID, version)
	if errors.Is(err, store.ErrConflict) {
		stored, err := s.store.GetActionPlanDetail(r.Context(), a.ID)
		if err != nil {
			return err
		}
		if stored.ArchivedAt != nil {
			return s.redirectWithFlash(w, r, here, "Handleplanen er allerede arkiveret.")
		}
		v := pages.ArchiveConflictView{What: "handleplanen", Title: stored.Title, Item: c.ActionPlanURL(a.ID),
			Archive: c.ActionPlanURL(a.ID) + "/arkiver", Version: stored.Version}
		p := s.orgPage(r, org, "forside", "Arkivér", c.Crumb{Label: stored.Title, Href: c.ActionPlanURL(a.ID)}, c.Crumb{Label: "Arkivér"})
		return s.render(w, r, http.StatusConflict, pages.ArchiveConflict(p, v))
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(c.InitiativeURL(a.InitiativeID)), "Handleplanen «"+a.Title+"» er arkiveret.")
}
