package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/pages"
)

// "Glemt adgangskode" and the one-time links of invitations and resets (internal/notify
// sends them; auth/tokens.go says what they are), and the demand that a person whose password
// an administrator set chooses their own before anything else.

// showForgot is the "Glemt adgangskode" form.
func (s *Server) showForgot(w http.ResponseWriter, r *http.Request) error {
	f := pages.ForgotForm{MailOn: s.notify.Enabled()}
	return s.render(w, r, http.StatusOK, pages.Forgot(s.page(r, "Glemt adgangskode"), f))
}

// forgot sends a reset link when the address belongs to an active user. The answer is the same
// either way; requests are throttled per address asked for and per client like sign-ins.
func (s *Server) forgot(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	f := pages.ForgotForm{Email: email, MailOn: s.notify.Enabled()}
	page := s.page(r, "Glemt adgangskode")
	if !f.MailOn {
		return s.render(w, r, http.StatusOK, pages.Forgot(page, f))
	}
	if email == "" || len(email) > 320 || !validEmail(email) {
		f.Error = "Skriv din e-mailadresse, fx navn@kommune.dk."
		return s.render(w, r, http.StatusUnprocessableEntity, pages.Forgot(page, f))
	}
	if wait, err := s.throttle.AttemptReset(ctx, email, auth.ClientAddress(r)); err != nil {
		return err
	} else if wait > 0 {
		retryAfter(w, wait)
		f.Error = "Der er bedt om mange links på kort tid. Vent " + waitText(wait) + ", og prøv igen."
		return s.render(w, r, http.StatusTooManyRequests, pages.Forgot(page, f))
	}
	u, err := s.store.GetUserByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.log.Info("password reset asked for an unknown address", "email", email, "address", auth.ClientAddress(r))
	case err != nil:
		return err
	case u.Active:
		if err := s.notify.SendPasswordReset(ctx, u); err != nil {
			return err
		}
		s.log.Info("password reset link sent", "user", u.Email, "address", auth.ClientAddress(r))
	}
	f.Sent = true
	return s.render(w, r, http.StatusOK, pages.Forgot(page, f))
}

// linkUser returns the active user whose one-time link token is in the path, and whether it is
// an invitation; ok is false for a used, expired or unknown token. With use, the token is used
// up (in st's transaction).
func (s *Server) linkUser(r *http.Request, st *store.Store, use bool) (domain.User, bool, bool, error) {
	hash := auth.LinkTokenHash(chi.URLParam(r, "token"))
	for _, purpose := range []string{auth.PurposeInvitation, auth.PurposePasswordReset} {
		id, err := st.UserToken(r.Context(), hash, purpose, s.now(), use)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return domain.User{}, false, false, err
		}
		u, err := st.GetUser(r.Context(), id)
		return u, purpose == auth.PurposeInvitation, err == nil, err
	}
	return domain.User{}, false, false, nil
}

// showPasswordLink is the page of a one-time link: choose a password.
func (s *Server) showPasswordLink(w http.ResponseWriter, r *http.Request) error {
	u, invitation, ok, err := s.linkUser(r, s.store, false)
	if err != nil {
		return err
	}
	return s.renderPasswordLink(w, r, http.StatusOK, u, invitation, ok, domain.Errors{})
}

func (s *Server) renderPasswordLink(w http.ResponseWriter, r *http.Request, status int, u domain.User, invitation, ok bool, errs domain.Errors) error {
	if !ok {
		return s.render(w, r, http.StatusNotFound, pages.LinkInvalid(s.page(r, "Linket virker ikke")))
	}
	title := "Vælg en ny adgangskode"
	if invitation {
		title = "Velkommen til Sporbar"
	}
	f := pages.PasswordLinkForm{Token: chi.URLParam(r, "token"), Invitation: invitation, Email: u.Email, Errors: errs}
	return s.render(w, r, status, pages.PasswordLink(s.page(r, title), f))
}

// setPasswordFromLink sets the chosen password, uses the link up, ends the person's other
// sessions, signs them in and shows Min profil (where they also choose their mails).
func (s *Server) setPasswordFromLink(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	next, repeat := r.PostFormValue("new"), r.PostFormValue("repeat")
	errs := domain.Errors{}
	if msg := auth.ValidatePassword(next); msg != "" {
		errs.Add("new", msg)
	}
	if repeat != next {
		errs.Add("repeat", "De to adgangskoder er ikke ens.")
	}
	if errs.Any() {
		u, invitation, ok, err := s.linkUser(r, s.store, false)
		if err != nil {
			return err
		}
		return s.renderPasswordLink(w, r, http.StatusUnprocessableEntity, u, invitation, ok, errs)
	}
	hash, err := s.hasher.Hash(ctx, next)
	if err != nil {
		return err
	}
	var u domain.User
	var ok bool
	if err := s.store.InTx(ctx, func(tx *store.Store) error {
		if u, _, ok, err = s.linkUser(r, tx, true); err != nil || !ok {
			return err
		}
		if err := tx.SetOwnPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(ctx, u.ID, nil); err != nil {
			return err
		}
		return tx.RecordLogin(ctx, u.ID, "")
	}); err != nil {
		return err
	}
	if !ok {
		return s.render(w, r, http.StatusNotFound, pages.LinkInvalid(s.page(r, "Linket virker ikke")))
	}
	u.MustChangePassword = false
	sess := session(r)
	if err := s.sessions.SignIn(r, sess, &u); err != nil {
		return err
	}
	s.log.Info("password set from link", "user", u.Email, "address", auth.ClientAddress(r))
	return s.redirectWithFlash(w, r, "/profil", "Din adgangskode er gemt, og du er logget ind.")
}

// requireOwnPassword sends a person whose password an administrator set to Min profil to
// choose their own; only that page and its form are open to them meanwhile.
func (s *Server) requireOwnPassword(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := currentUser(r)
		if u == nil || !u.MustChangePassword || r.URL.Path == "/profil" || r.URL.Path == "/profil/adgangskode" {
			next.ServeHTTP(w, r)
			return
		}
		http.Redirect(w, r, "/profil", http.StatusSeeOther)
	})
}
