package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The living part of an item's page: status updates, the dialogue and the history.

type ctxForms struct{}

// forms is the status and comment forms as posted, carried to the page that shows them again
// with their messages.
type forms struct {
	status  pages.StatusForm
	comment pages.CommentForm
}

// trackingForms returns the forms a failed post left in the request, or empty forms.
func trackingForms(r *http.Request) forms {
	f, _ := r.Context().Value(ctxForms{}).(forms)
	return f
}

// trackingStatus is 422 when the page shows a form with messages, 200 otherwise.
func trackingStatus(r *http.Request) int {
	f := trackingForms(r)
	if f.status.Errors.Any() || f.comment.Errors.Any() {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}

// writeAction is what posting status on an item takes: EditGeneral for a general initiative
// (and a plan directly under one), EditLocal otherwise.
func writeAction(initiativeKind string) auth.Action {
	if initiativeKind == domain.InitiativeGeneral {
		return auth.EditGeneral
	}
	return auth.EditLocal
}

// tracking fills the tracking view of an item: two queries for the timeline and dialogue and
// one for the unit chain the permissions need.
func (s *Server) tracking(r *http.Request, base string, target store.StatusTarget, orgID int64, scope *int64,
	kind string, status c.StatusOf, f forms) (pages.TrackingView, error) {
	ctx := r.Context()
	res, err := s.itemResource(r, orgID, scope)
	if err != nil {
		return pages.TrackingView{}, err
	}
	t := pages.TrackingView{Base: templURL(base), Status: status, StatusForm: f.status, CommentForm: f.comment,
		CanPostStatus: can(r, writeAction(kind), res), CanComment: can(r, auth.Comment, res)}
	t.Status.Today, t.PublicComment = s.today(), target.InitiativeID != 0
	t.UpdatesPage = pageParam(r)
	if t.Updates, t.OlderUpdates, err = s.store.ListStatusUpdates(ctx, target, t.UpdatesPage); err != nil {
		return t, err
	}
	if err = s.dialogue(r, &t, orgID, target); err != nil {
		return t, err
	}
	if t.PublicComment {
		t.Publishable = map[int64]bool{}
		for _, cm := range t.Comments {
			t.Publishable[cm.ID] = auth.MayPublishComment(currentUser(r), cm.AuthorID, res)
		}
	}
	if t.StatusForm.Errors == nil {
		t.StatusForm = pages.StatusForm{Phase: status.StatusPhase, Health: status.Health(),
			Progress: strconv.Itoa(int(status.StatusProgress)), AsOf: s.today().Format(time.DateOnly), Key: newFormKey()}
	}
	if t.CommentForm.Errors == nil {
		t.CommentForm.Key = newFormKey()
	}
	return t, nil
}

func (s *Server) initiativeTracking(r *http.Request, in domain.InitiativeDetail, f forms) (pages.TrackingView, error) {
	return s.tracking(r, string(c.InitiativeURL(in.ID)), store.StatusTarget{InitiativeID: in.ID}, in.OrganisationID,
		in.ScopeUnitID, in.Kind, c.StatusOf{Status: in.Status, Deadline: in.EndDate, FollowUpMonths: in.FollowUpMonths}, f)
}

func (s *Server) actionPlanTracking(r *http.Request, a domain.ActionPlanDetail, f forms) (pages.TrackingView, error) {
	return s.tracking(r, string(c.ActionPlanURL(a.ID)), store.StatusTarget{ActionPlanID: a.ID}, a.OrganisationID,
		a.ScopeUnitID, a.InitiativeKind, c.StatusOf{Status: a.Status, Deadline: a.Deadline, FollowUpMonths: a.FollowUpMonths}, f)
}

// decodeStatus reads and checks a posted status update.
func decodeStatus(r *http.Request, today time.Time) (domain.StatusUpdate, pages.StatusForm) {
	f := pages.StatusForm{Phase: r.PostFormValue("phase"), Health: r.PostFormValue("health"),
		Progress: strings.TrimSpace(r.PostFormValue("progress")), AsOf: strings.TrimSpace(r.PostFormValue("as_of")),
		Errors: domain.Errors{}}
	f.Comment = multilineField(r.PostForm, "status_comment", "Kommentaren", maxDialogue, f.Errors)
	su := domain.StatusUpdate{Phase: f.Phase, Health: f.Health}
	if !domain.ValidPhase(f.Phase) {
		f.Errors.Add("phase", "Vælg en fase.")
	}
	if !domain.ValidHealth(f.Health) {
		f.Errors.Add("health", "Vælg om indsatsen er på sporet, udfordret eller kritisk.")
	}
	if p, err := strconv.Atoi(f.Progress); err != nil || p < 0 || p > 100 {
		f.Errors.Add("progress", "Fremdriften skal være et helt tal fra 0 til 100.")
	} else {
		su.Progress = int16(p)
	}
	if d, err := time.Parse(time.DateOnly, f.AsOf); err != nil {
		f.Errors.Add("as_of", "Skriv datoen som åååå-mm-dd, fx "+today.Format(time.DateOnly)+".")
	} else if d.After(today) {
		f.Errors.Add("as_of", "En status kan ikke gælde for en dato i fremtiden.")
	} else if d.Year() < 2000 {
		f.Errors.Add("as_of", "Datoen ligger for langt tilbage.")
	} else {
		su.AsOf = d
	}
	if f.Health == domain.HealthCritical && f.Comment == "" {
		f.Errors.Add("status_comment", "Skriv, hvorfor indsatsen er kritisk.")
	}
	su.Comment = f.Comment
	return su, f
}

// trackedItem is an initiative or action plan that status updates and comments are posted to.
type trackedItem struct {
	orgID   int64
	scope   *int64 // the unit the item belongs to
	kind    string // the kind of the (action plan's) initiative
	base    string // the item's page
	target  store.StatusTarget
	view    func(forms) (pages.TrackingView, error) // the item's tracking sections as they are now
	page    handlerFunc                             // the item's whole page
	comment domain.Comment                          // a comment on the item, to be filled in
}

// trackedInitiative loads the initiative named in the path.
func (s *Server) trackedInitiative(r *http.Request) (trackedItem, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return trackedItem{}, err
	}
	in, err := s.store.GetInitiativeDetail(r.Context(), id)
	if err != nil {
		return trackedItem{}, err
	}
	return trackedItem{orgID: in.OrganisationID, scope: in.ScopeUnitID, kind: in.Kind, base: string(c.InitiativeURL(id)),
		target: store.StatusTarget{InitiativeID: id}, page: s.showInitiative, comment: domain.Comment{InitiativeID: &id},
		view: func(f forms) (pages.TrackingView, error) {
			// Read again: a status update has just changed the item's current status.
			now, err := s.store.GetInitiativeDetail(r.Context(), id)
			if err != nil {
				return pages.TrackingView{}, err
			}
			return s.initiativeTracking(r, now, f)
		}}, nil
}

// trackedActionPlan loads the action plan named in the path.
func (s *Server) trackedActionPlan(r *http.Request) (trackedItem, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return trackedItem{}, err
	}
	a, err := s.store.GetActionPlanDetail(r.Context(), id)
	if err != nil {
		return trackedItem{}, err
	}
	return trackedItem{orgID: a.OrganisationID, scope: a.ScopeUnitID, kind: a.InitiativeKind, base: string(c.ActionPlanURL(id)),
		target: store.StatusTarget{ActionPlanID: id}, page: s.showActionPlan, comment: domain.Comment{ActionPlanID: &id},
		view: func(f forms) (pages.TrackingView, error) {
			now, err := s.store.GetActionPlanDetail(r.Context(), id)
			if err != nil {
				return pages.TrackingView{}, err
			}
			return s.actionPlanTracking(r, now, f)
		}}, nil
}

// postInitiativeStatus records a status update on an initiative.
func (s *Server) postInitiativeStatus(w http.ResponseWriter, r *http.Request) error {
	it, err := s.trackedInitiative(r)
	if err != nil {
		return err
	}
	return s.postStatus(w, r, it)
}

// postActionPlanStatus records a status update on an action plan.
func (s *Server) postActionPlanStatus(w http.ResponseWriter, r *http.Request) error {
	it, err := s.trackedActionPlan(r)
	if err != nil {
		return err
	}
	return s.postStatus(w, r, it)
}

// postStatus checks permission and the form, saves the update, and answers: with htmx the
// status section (again, with messages when the form was wrong); without, a redirect with a
// flash, or the whole page again with the messages.
func (s *Server) postStatus(w http.ResponseWriter, r *http.Request, it trackedItem) error {
	res, err := s.itemResource(r, it.orgID, it.scope)
	if err != nil {
		return err
	}
	if err := s.authorize(r, writeAction(it.kind), res); err != nil {
		return err
	}
	su, f := decodeStatus(r, s.today())
	if su.IdempotencyKey, err = postedFormKey(r); err != nil {
		return err
	}
	f.Key = su.IdempotencyKey
	if f.Errors.Any() {
		return s.trackingAnswer(w, r, forms{status: f}, it.view, it.page, pages.StatusSection)
	}
	su.InitiativeID, su.ActionPlanID = nonZero(it.target.InitiativeID), nonZero(it.target.ActionPlanID)
	su.AuthorID = currentUser(r).ID
	if _, err := s.store.PostStatusUpdate(r.Context(), su); err != nil {
		return err
	}
	return s.answerSaved(w, r, it.view, pages.StatusSection, it.base+"#status", "Statussen er gemt.")
}

// nonZero is a pointer to id, or nil for 0.
func nonZero(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// trackingAnswer shows a form that could not be saved: the section alone for htmx, else the page.
func (s *Server) trackingAnswer(w http.ResponseWriter, r *http.Request, f forms, view func(forms) (pages.TrackingView, error),
	page handlerFunc, section func(pages.TrackingView) templ.Component) error {
	if isHTMX(r) {
		t, err := view(f)
		if err != nil {
			return err
		}
		return s.render(w, r, http.StatusUnprocessableEntity, section(t))
	}
	return page(w, r.WithContext(context.WithValue(r.Context(), ctxForms{}, f)))
}

// pageParam is the page (from 1) that ?side= asks for; anything that is not a page number is
// the first page.
func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("side"))
	if err != nil || n < 1 || n > 1_000_000 {
		return 1
	}
	return n
}

// isHTMX reports whether the request came from htmx (a swap, not a page load).
func isHTMX(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }

// initiativeHistory is an initiative's Historik tab.
func (s *Server) initiativeHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	in, err := s.store.GetInitiativeDetail(r.Context(), id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, in.OrganisationID)
	if err != nil {
		return err
	}
	p := s.initiativePage(r, org, in)
	return s.history(w, r, p, domain.EntityInitiative, id, in.Title, c.InitiativeURL(id))
}

// actionPlanHistory is an action plan's Historik tab.
func (s *Server) actionPlanHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	a, err := s.store.GetActionPlanDetail(r.Context(), id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, a.OrganisationID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "forside", a.Title, c.Crumb{Label: a.InitiativeTitle, Href: c.InitiativeURL(a.InitiativeID)},
		c.Crumb{Label: a.Title, Href: c.ActionPlanURL(id)}, c.Crumb{Label: "Historik"})
	return s.history(w, r, p, domain.EntityActionPlan, id, a.Title, c.ActionPlanURL(id))
}

// agreementHistory is an agreement's Historik tab.
func (s *Server) agreementHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	a, err := s.store.GetAgreementRow(r.Context(), id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, a.OrganisationID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "aftaler", a.Title, c.Crumb{Label: "Aftaler", Href: c.AgreementsURL(org.Slug)},
		c.Crumb{Label: a.Title, Href: c.AgreementURL(id)}, c.Crumb{Label: "Historik"})
	return s.history(w, r, p, domain.EntityAgreement, id, a.Title, c.AgreementURL(id))
}

func (s *Server) history(w http.ResponseWriter, r *http.Request, p c.Page, entity string, id int64, title string,
	base templ.SafeURL) error {
	entries, err := s.store.ListAudit(r.Context(), store.AuditFilter{Entity: entity, EntityID: id, Limit: 500})
	if err != nil {
		return err
	}
	p.Title = "Historik: " + title
	return s.render(w, r, http.StatusOK, pages.History(p, pages.HistoryView{Org: *p.Org, Title: title, Base: base, Entries: entries}))
}

// templURL turns a path Sporbar made itself into a URL for templates.
func templURL(path string) templ.SafeURL { return templ.SafeURL(path) }
