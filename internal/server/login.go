package server

import (
	"errors"
	"net/http"
	"strconv"
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

// login checks the e-mail and password (throttled per address and account, see
// auth/policy.go), renews the session and sends the person on. An unknown account, a wrong
// password and a deactivated account get the same answer after the same work: one hash.
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
	if badText(email) {
		return fail(http.StatusUnprocessableEntity, "E-mailadressen indeholder ugyldige tegn.")
	}
	u, err := s.store.GetUserByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	// An unknown or deactivated account has no usable hash: the check runs against a dummy one
	// (auth.Hasher.Check), so it costs the same and never forgets the account's failures.
	encoded := u.PasswordHash
	if !u.Active {
		encoded = ""
	}
	ok, refused, err := s.checkPassword(r, email, password, encoded)
	if err != nil {
		return err
	}
	if refused != nil {
		retryAfter(w, refused.wait)
		return fail(refused.status, refused.msg)
	}
	if !ok {
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
	if s.hasher.NeedsRehash(u.PasswordHash) {
		if newHash, err = s.hasher.Hash(ctx, password); err != nil && !errors.Is(err, auth.ErrBusy) {
			return err // busy: the upgrade waits for the next sign-in
		}
	}
	if err := s.store.RecordLogin(ctx, u.ID, newHash); err != nil {
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

// checkPassword is the one way a typed password is checked against a stored hash, at sign-in
// and for Min profil's current password: the attempt is counted and decided by the throttle
// first, then the hash is checked in the bounded pool, and the right password forgets the
// account's failures. When the attempt may not be checked, refused says why.
func (s *Server) checkPassword(r *http.Request, email, password, encoded string) (ok bool, refused *refusal, err error) {
	ctx, addr := r.Context(), auth.ClientAddress(r)
	wait, err := s.throttle.Attempt(ctx, email, addr)
	if err != nil {
		return false, nil, err
	}
	if wait > 0 {
		s.log.Warn("password attempt throttled", "email", email, "address", addr, "wait", wait.Round(time.Second))
		return false, &refusal{http.StatusTooManyRequests, wait,
			"For mange mislykkede forsøg. Vent " + waitText(wait) + ", og prøv igen."}, nil
	}
	switch err := s.hasher.Check(ctx, password, encoded); {
	case errors.Is(err, auth.ErrBusy):
		s.log.Warn("password check busy", "email", email, "address", addr)
		return false, &refusal{http.StatusServiceUnavailable, s.hasher.RetryAfter(), busyMessage}, nil
	case errors.Is(err, auth.ErrMismatch):
		return false, nil, nil
	case err != nil:
		return false, nil, err
	}
	return true, nil, s.throttle.Succeeded(ctx, email, addr)
}

// busyMessage is the answer when no password check or hash could start in time.
const busyMessage = "Der er travlt i Sporbar lige nu. Vent et øjeblik, og prøv igen."

// refusal is why a password was not checked: the status (429 or 503), how long the client
// should wait and the Danish message shown beside the form.
type refusal struct {
	status int
	wait   time.Duration
	msg    string
}

// retryAfter sets Retry-After on w to d in whole seconds, at least one.
func retryAfter(w http.ResponseWriter, d time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(max(int((d+time.Second-1)/time.Second), 1)))
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

// safeNext keeps only a path of Sporbar's own (localPath) as the place to go after sign-in,
// and never the sign-in page itself.
func safeNext(next string) string {
	next = localPath(next)
	if next == "/login" || strings.HasPrefix(next, "/login?") || strings.HasPrefix(next, "/login/") {
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
