package server

import (
	"errors"
	"net/http"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
)

// backChannelLogout receives an OIDC OP's logout token (server to server, OpenID Connect
// Back-Channel Logout 1.0): every Sporbar session of the person ends. A token that does not
// verify is 400 and a log line.
func (s *Server) backChannelLogout(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.signInMethodOf(r, domain.MethodOIDC)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	sub, err := s.sso.VerifyLogoutToken(r.Context(), m, r.PostFormValue("logout_token"))
	if err != nil {
		s.log.Warn("sso back-channel logout refused", "org", org.Slug, "method", m.Slug, "reason", sso.FailureKind(err),
			"err", err, "address", auth.ClientAddress(r))
		return badRequest("Logout-tokenet kunne ikke godkendes.")
	}
	return s.endIdentitySessions(r, org, m, sub, "idp back-channel")
}

// endIdentitySessions ends every Sporbar session of the person with subject at m (nobody
// with it: nothing to end), logged as ended by by.
func (s *Server) endIdentitySessions(r *http.Request, org domain.Organisation, m domain.SignInMethod, subject, by string) error {
	_, u, err := s.store.GetIdentityUser(r.Context(), m.ID, subject)
	if errors.Is(err, store.ErrNotFound) {
		s.log.Info("logout: nobody to sign out", "org", org.Slug, "method", m.Slug, "by", by)
		return nil
	} else if err != nil {
		return err
	}
	if err := s.store.DeleteUserSessions(r.Context(), u.ID, nil); err != nil {
		return err
	}
	s.log.Info("logout", "user", u.Email, "org", org.Slug, "method", m.Slug, "by", by)
	return nil
}
