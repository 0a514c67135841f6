// Package server is Sporbar's HTTP layer: the routes (routes.go, top to bottom), one file of
// handlers per resource, the adapter that turns a handler's error into a response (errors.go),
// and rendering into a buffer before anything is written (render.go).
package server

import (
	"log/slog"
	"net/http"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/store"
)

// Server holds what the handlers need. It is safe for concurrent use.
type Server struct {
	cfg      config.Config
	store    *store.Store
	log      *slog.Logger
	sessions *auth.SessionStore
	throttle *auth.Throttle
	params   auth.Params // argon2id cost for new and upgraded password hashes
}

// New returns a Server over st.
func New(cfg config.Config, st *store.Store, log *slog.Logger) *Server {
	return &Server{
		cfg:      cfg,
		store:    st,
		log:      log,
		sessions: auth.NewSessionStore(st, cfg.SecureCookies, cfg.SessionIdle, cfg.SessionMaxAge),
		throttle: auth.NewThrottle(st),
		params:   auth.DefaultParams(),
	}
}

// Handler returns the complete HTTP handler: every route with its middleware.
func (s *Server) Handler() http.Handler {
	return s.routes()
}
