package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// pendingLink is an IdP identity waiting to be linked to an existing account: the person
// proves the account is theirs by signing in with its password once (login.go's hook
// linkPendingIdentity). Accounts are never linked by the e-mail address alone.
type pendingLink struct {
	UserID   int64
	MethodID int64
	Subject  string
	Email    string
}

// linkKey is the session value holding a pendingLink as "user:method:subject".
const linkKey = "sso_link"

// emailTaken reports whether a first sign-in's e-mail address already has an account. An
// active account of the same organisation without an identity at this method may be linked.
func (s *Server) emailTaken(r *http.Request, tx *store.Store, org domain.Organisation, m domain.SignInMethod,
	c domain.Claims, email string) (ssoOutcome, bool, error) {
	u, err := tx.GetUserByEmail(r.Context(), email)
	if errors.Is(err, store.ErrNotFound) {
		return ssoOutcome{}, false, nil
	} else if err != nil {
		return ssoOutcome{}, false, err
	}
	out := ssoOutcome{refuse: "email-taken", msg: ssoMsgEmailTaken}
	if u.OrganisationID != org.ID || !u.Active {
		return out, true, nil
	}
	linked, err := tx.HasIdentity(r.Context(), u.ID, m.ID)
	if err != nil || linked {
		return out, true, err
	}
	out.msg, out.link = ssoMsgLink, pendingLink{UserID: u.ID, MethodID: m.ID, Subject: c.Subject, Email: email}
	return out, true, nil
}

// offerLink keeps the pending link in the session and shows the organisation's sign-in page
// with the e-mail address filled in (or, where passwords are off, the plain refusal).
func (s *Server) offerLink(w http.ResponseWriter, r *http.Request, org domain.Organisation, next string, out ssoOutcome) error {
	f, err := s.orgLoginForm(r, org, next)
	if err != nil {
		return err
	}
	if f.NoPassword {
		return s.renderSSOError(w, r, org, next, http.StatusForbidden, ssoMsgEmailTaken)
	}
	sess := session(r)
	sess.Values[linkKey] = fmt.Sprintf("%d:%d:%s", out.link.UserID, out.link.MethodID, out.link.Subject)
	if err := sess.Save(r, w); err != nil {
		return err
	}
	f.Email, f.Error = out.link.Email, out.msg
	return s.renderLogin(w, r, http.StatusForbidden, f)
}

// linkPendingIdentity is the hook of POST /login (login.go), called once the password is
// right: a pending link for this very account becomes an identity.
func (s *Server) linkPendingIdentity(r *http.Request, u *domain.User) error {
	v, _ := session(r).Values[linkKey].(string)
	var userID, methodID int64
	var subject string
	if n, _ := fmt.Sscanf(v, "%d:%d:", &userID, &methodID); n != 2 || userID != u.ID {
		return nil
	}
	subject = v[len(fmt.Sprintf("%d:%d:", userID, methodID)):]
	if err := s.store.CreateIdentity(r.Context(), u.ID, methodID, subject); err != nil && !errors.Is(err, store.ErrConflict) {
		return err
	}
	s.log.Info("identity linked", "user", u.Email, "method", methodID)
	return nil
}
