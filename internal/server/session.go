package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gorilla/sessions"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/web/components"
)

type ctxKey int

const (
	ctxSession ctxKey = iota
	ctxUser
	ctxFlash
	ctxUnitChains
	ctxUpload // the route takes a file (uploads.go)
)

// flashKey is the session value holding a one-time message for the next page.
const flashKey = "flash"

// loadSession finds the request's session and signed-in user and puts both in the request's
// context. A waiting flash message is moved from the session into the context (and the
// session saved) before the handler runs.
func (s *Server) loadSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, err := s.sessions.Get(r, s.sessions.Name)
		if err != nil {
			s.fail(w, r, fmt.Errorf("load session: %w", err))
			return
		}
		ctx := context.WithValue(components.WithToday(r.Context(), s.today()), ctxSession, sess)
		ctx = context.WithValue(ctx, ctxUnitChains, unitChains{})
		if u := auth.SessionUser(sess); u != nil {
			ctx = context.WithValue(ctx, ctxUser, u)
		}
		if msg, ok := sess.Values[flashKey].(string); ok {
			delete(sess.Values, flashKey)
			if err := sess.Save(r, w); err != nil {
				s.log.Error("save session", "err", err)
			}
			ctx = context.WithValue(ctx, ctxFlash, msg)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requireUser sends anyone not signed in to the sign-in page (and back here afterwards).
func (s *Server) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if currentUser(r) != nil {
			next.ServeHTTP(w, r)
			return
		}
		target := "/login"
		if r.Method == http.MethodGet && r.URL.Path != "/" {
			target += "?next=" + url.QueryEscape(r.URL.RequestURI())
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
	})
}

// currentUser is the signed-in user, or nil.
func currentUser(r *http.Request) *domain.User {
	u, _ := r.Context().Value(ctxUser).(*domain.User)
	return u
}

// session is the request's session (loadSession always sets it).
func session(r *http.Request) *sessions.Session {
	sess, _ := r.Context().Value(ctxSession).(*sessions.Session)
	return sess
}

// redirectWithFlash saves msg for the next page and redirects there (POST–redirect–GET). It
// is called after a write has been committed, so it never fails: when the session cannot be
// saved (the database went away just then), the failure is logged and the redirect goes out
// without the message, rather than an error page for a change that was stored. It returns nil.
func (s *Server) redirectWithFlash(w http.ResponseWriter, r *http.Request, to, msg string) error {
	sess := session(r)
	sess.Values[flashKey] = msg
	if err := sess.Save(r, w); err != nil {
		delete(sess.Values, flashKey)
		s.log.Warn("saved, but the flash message could not be kept", "path", r.URL.Path, "err", err)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
