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
	_, u, err := s.store.GetIdentityUser(r.Context(), m.ID, sub)
	if errors.Is(err, store.ErrNotFound) {
		return nil // nobody here: nothing to end
	} else if err != nil {
		return err
	}
	if err := s.store.DeleteUserSessions(r.Context(), u.ID, nil); err != nil {
		return err
	}
	s.log.Info("logout", "user", u.Email, "org", org.Slug, "method", m.Slug, "by", "idp back-channel")
	return nil
}
