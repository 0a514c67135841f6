package server

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/pages"
)

// badCredentials is the one message for an unknown user, a wrong password and a deactivated user.
const badCredentials = "Forkert e-mailadresse eller adgangskode."

// showLogin is the sign-in page; someone already signed in goes to the front page.
func (s *Server) showLogin(w http.ResponseWriter, r *http.Request) error {
	if currentUser(r) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	f := pages.LoginForm{Next: safeNext(r.URL.Query().Get("next"))}
	return s.render(w, r, http.StatusOK, pages.Login(s.page(r, "Log ind"), f))
}

// login checks the e-mail and password (throttled per account and address), renews the
// session and sends the person on.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	password := r.PostFormValue("password")
	f := pages.LoginForm{Email: email, Next: safeNext(r.PostFormValue("next"))}
	addr := auth.ClientAddress(r)
	fail := func(status int, msg string) error {
		f.Error = msg
		return s.render(w, r, status, pages.Login(s.page(r, "Log ind"), f))
	}
	if to, err := s.ssoLoginFor(r, email, password, f.Next); err != nil || to != "" { // the organisation's own login (sso_login.go)
		return redirectTo(w, r, to, err)
	}
	if email == "" || password == "" || len(email) > 320 || len(password) > 1024 {
		return fail(http.StatusUnprocessableEntity, "Skriv både din e-mailadresse og din adgangskode.")
	}
	if wait, err := s.throttle.Wait(ctx, email, addr); err != nil {
		return err
	} else if wait > 0 {
		s.log.Warn("login throttled", "email", email, "address", addr, "wait", wait.Round(time.Second))
		return fail(http.StatusTooManyRequests, "For mange mislykkede forsøg. Vent "+waitText(wait)+", og prøv igen.")
	}
	u, err := s.store.GetUserByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err != nil || !u.Active || auth.CheckPassword(password, u.PasswordHash) != nil {
		if err != nil {
			auth.CheckPassword(password, dummyHash) //nolint:errcheck // equal timing for unknown users
		}
		if err := s.throttle.Failure(ctx, email, addr); err != nil {
			return err
		}
		s.log.Warn("login failed", "email", email, "address", addr)
		return fail(http.StatusUnauthorized, badCredentials)
	}
	if ok, err := s.localLoginAllowed(r, u.OrganisationID); err != nil || !ok { // turned off per organisation (sso_login.go)
		return errOr(err, fail(http.StatusForbidden, localLoginOff))
	}
	if err := s.linkPendingIdentity(r, &u); err != nil { // an IdP identity waiting for this account (sso_link.go)
		return err
	}
	newHash := ""
	if auth.NeedsRehash(u.PasswordHash, s.params) {
		if newHash, err = auth.HashPassword(password, s.params); err != nil {
			return err
		}
	}
	if err := s.store.RecordLogin(ctx, u.ID, newHash); err != nil {
		return err
	}
	if err := s.throttle.Success(ctx, email); err != nil {
		return err
	}
	sess := session(r)
	if err := s.sessions.SignIn(r, sess, &u); err != nil {
		return err
	}
	if err := sess.Save(r, w); err != nil {
		return err
	}
	s.log.Info("login", "user", u.Email, "org", u.OrganisationID, "role", u.Role, "address", addr)
	to := f.Next
	if to == "" {
		to = "/"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// logout ends the session on the server and in the browser.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	sess := session(r)
	if u := currentUser(r); u != nil {
		s.log.Info("logout", "user", u.Email, "org", u.OrganisationID, "address", auth.ClientAddress(r))
	}
	to := idpLogoutURL(sess)               // the IdP's own sign-out, where the method has one (sso_login.go)
	to = s.samlLogoutRedirect(r, sess, to) // or a SAML LogoutRequest (sso_slo.go)
	sess.Options.MaxAge = -1
	if err := sess.Save(r, w); err != nil {
		return err
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// safeNext keeps only a local path as the place to go after sign-in.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.HasPrefix(next, "/login") || len(next) > 500 {
		return ""
	}
	return next
}

func waitText(d time.Duration) string {
	if d < time.Minute {
		return "et øjeblik"
	}
	m := int(d.Round(time.Minute) / time.Minute)
	if m == 1 {
		return "1 minut"
	}
	return itoa(m) + " minutter"
}

// dummyHash is checked against when the user is unknown, so that the answer takes as long as
// for a known user. It is the hash of a random password nobody knows.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c3BvcmJhcmR1bW15c2FsdA$4Hh0ZqkIB8tU2ytcbLh2cmhIkh1eEUKJpGA0KZdHqSg"
