package server

import (
	"net/http"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The dialogue on an initiative, an action plan or an agreement: posting a comment.

// postInitiativeComment adds to the dialogue on an initiative.
func (s *Server) postInitiativeComment(w http.ResponseWriter, r *http.Request) error {
	it, err := s.trackedInitiative(r)
	if err != nil {
		return err
	}
	return s.postComment(w, r, it)
}

// postActionPlanComment adds to the dialogue on an action plan.
func (s *Server) postActionPlanComment(w http.ResponseWriter, r *http.Request) error {
	it, err := s.trackedActionPlan(r)
	if err != nil {
		return err
	}
	return s.postComment(w, r, it)
}

// postAgreementComment adds to the dialogue on an agreement.
func (s *Server) postAgreementComment(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	a, err := s.store.GetAgreementRow(r.Context(), id)
	if err != nil {
		return err
	}
	return s.postComment(w, r, trackedItem{orgID: a.OrganisationID, scope: &a.LowerUnitID, base: string(c.AgreementURL(id)),
		page: s.showAgreement, comment: domain.Comment{AgreementID: &id},
		view: func(f forms) (pages.TrackingView, error) { return s.agreementDialogue(r, a, f) }})
}

// agreementDialogue is the dialogue of an agreement (an agreement has no status of its own).
func (s *Server) agreementDialogue(r *http.Request, a domain.AgreementRow, f forms) (pages.TrackingView, error) {
	res, err := s.itemResource(r, a.OrganisationID, &a.LowerUnitID)
	if err != nil {
		return pages.TrackingView{}, err
	}
	t := pages.TrackingView{Base: c.AgreementURL(a.ID), CommentForm: f.comment, CanComment: can(r, auth.Comment, res)}
	return t, s.dialogue(r, &t, a.OrganisationID, store.StatusTarget{AgreementID: a.ID})
}

// dialogue fills the view's comments on the target and, when one of them has an "@", the
// people they can mention (one more query only then).
func (s *Server) dialogue(r *http.Request, t *pages.TrackingView, orgID int64, target store.StatusTarget) error {
	var err error
	if t.Comments, err = s.store.ListComments(r.Context(), target); err != nil {
		return err
	}
	if u := currentUser(r); u != nil {
		t.Me = u.ID
	}
	for _, cm := range t.Comments {
		if strings.Contains(cm.Body, "@") {
			t.People, err = s.store.ListMentionables(r.Context(), orgID)
			return err
		}
	}
	return nil
}

// postComment checks permission and the text, saves the comment and answers as postStatus does.
func (s *Server) postComment(w http.ResponseWriter, r *http.Request, it trackedItem) error {
	cm, view, page, base := it.comment, it.view, it.page, it.base
	res, err := s.itemResource(r, it.orgID, it.scope)
	if err != nil {
		return err
	}
	if err := s.authorize(r, auth.Comment, res); err != nil {
		return err
	}
	key, err := postedFormKey(r)
	if err != nil {
		return err
	}
	f := pages.CommentForm{Key: key, Errors: domain.Errors{}}
	f.Body = multilineField(r.PostForm, "body", "Kommentaren", maxDialogue, f.Errors)
	f.Errors.Required("body", f.Body, "Kommentaren")
	f.Public = cm.InitiativeID != nil && r.PostForm.Get("offentlig") == "1"
	if f.Errors.Any() {
		return s.trackingAnswer(w, r, forms{comment: f}, view, page, pages.DialogueSection)
	}
	cm.Body, cm.AuthorID, cm.IdempotencyKey, cm.Public = f.Body, currentUser(r).ID, f.Key, f.Public
	if _, err := s.store.AddComment(r.Context(), cm); err != nil {
		return err
	}
	return s.answerSaved(w, r, view, pages.DialogueSection, base+"#dialog", "Kommentaren er sendt.")
}
