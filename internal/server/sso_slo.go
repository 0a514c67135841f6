package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gorilla/sessions"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
)

// samlLogoutKey is the session value that holds, after a SAML sign-in, the method and the
// assertion's NameID and session index (JSON of samlLogout): what our sign-out's
// LogoutRequest names.
const samlLogoutKey = "saml_logout"

type samlLogout struct {
	MethodID int64
	sso.SAMLSession
}

// rememberSAMLSession keeps what Single Logout needs in the person's new session.
func rememberSAMLSession(sess *sessions.Session, m domain.SignInMethod, s sso.SAMLSession) {
	if s.NameID == "" {
		return
	}
	if b, err := json.Marshal(samlLogout{MethodID: m.ID, SAMLSession: s}); err == nil {
		sess.Values[samlLogoutKey] = string(b)
	}
}

// samlLogoutRedirect is where our sign-out sends the browser after a SAML sign-in whose IdP
// has a SingleLogoutService: a signed LogoutRequest, whose answer comes to samlSLO; else
// fallback. Sign-out itself never fails on the IdP: a problem is logged and fallback used.
func (s *Server) samlLogoutRedirect(r *http.Request, sess *sessions.Session, fallback string) string {
	raw, _ := sess.Values[samlLogoutKey].(string)
	var sl samlLogout
	if raw == "" || json.Unmarshal([]byte(raw), &sl) != nil {
		return fallback
	}
	to, err := s.startSAMLLogout(r, sl)
	if err != nil {
		s.log.Warn("saml logout request not sent", "method", sl.MethodID, "err", err)
		return fallback
	}
	if to == "" {
		return fallback
	}
	return to
}

func (s *Server) startSAMLLogout(r *http.Request, sl samlLogout) (string, error) {
	ctx := r.Context()
	m, err := s.store.GetSignInMethod(ctx, sl.MethodID)
	if err != nil {
		return "", err
	}
	org, err := s.store.GetOrganisation(ctx, m.OrganisationID)
	if err != nil {
		return "", err
	}
	sp, err := s.serviceProvider(r, org, m)
	if err != nil {
		return "", err
	}
	state, err := sso.RandomToken()
	if err != nil {
		return "", err
	}
	to, id, ok, err := sso.StartSAMLLogout(sp, sl.SAMLSession, state)
	if err != nil || !ok {
		return "", err
	}
	err = s.store.CreateSignInRequest(ctx, domain.SignInRequest{StateHash: hash(state), MethodID: m.ID, RequestID: id,
		Next: "/login/" + org.Slug, ExpiresAt: s.now().Add(sso.RequestLifetime)})
	return to, err
}

// samlSLO is our SAML SingleLogoutService (HTTP-Redirect): an IdP-initiated LogoutRequest
// ends every Sporbar session of the person it names and is answered with a signed
// LogoutResponse; the IdP's LogoutResponse to our own request is checked against it and
// leads to the sign-in page. A message that does not verify is 400 and a log line.
func (s *Server) samlSLO(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.signInMethodOf(r, domain.MethodSAML)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	sp, err := s.serviceProvider(r, org, m)
	if err != nil {
		return err
	}
	refused := func(err error) error {
		s.log.Warn("saml logout refused", "org", org.Slug, "method", m.Slug, "reason", sso.FailureKind(err),
			"err", err, "address", auth.ClientAddress(r))
		return badRequest("Log af-beskeden fra identitetsudbyderen kunne ikke godkendes.")
	}
	if r.URL.Query().Get("SAMLRequest") == "" {
		req, err := s.store.TakeSignInRequest(r.Context(), m.ID, hash(r.URL.Query().Get("RelayState")))
		if errors.Is(err, store.ErrNotFound) {
			return refused(&sso.Failure{Kind: sso.FailState, Err: err})
		} else if err != nil {
			return err
		}
		if err := sso.FinishSAMLLogout(sp, r, req.RequestID); err != nil {
			return refused(err)
		}
		http.Redirect(w, r, req.Next, http.StatusSeeOther)
		return nil
	}
	nameID, to, err := sso.AnswerSAMLLogout(sp, r)
	if err != nil {
		return refused(err)
	}
	if err := s.endIdentitySessions(r, org, m, nameID, "idp single logout"); err != nil {
		return err
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
