// Package server is Sporbar's HTTP layer: the routes (routes.go, top to bottom), one file of
// handlers per resource, the adapter that turns a handler's error into a response (errors.go),
// and rendering into a buffer before anything is written (render.go).
package server

import (
	"log/slog"
	"net/http"
	"time"
	_ "time/tzdata" // Europe/Copenhagen even on a machine without a time zone database

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/notify"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
)

// Server holds what the handlers need. It is safe for concurrent use.
type Server struct {
	cfg      config.Config
	store    *store.Store
	log      *slog.Logger
	sessions *auth.SessionStore
	throttle *auth.Throttle
	hasher   *auth.Hasher // every password hash and check, a bounded number at once
	proxies  auth.Proxies // whose X-Forwarded-For names the client (TRUSTED_PROXIES)
	now      func() time.Time
	loc      *time.Location   // Danish time
	skemas   *pageCache       // the rendered samlet skemaer (dashboard.go)
	metrics  *metrics         // Prometheus metrics (metrics.go)
	imports  chan struct{}    // a slot for each upload being read (uploads.go)
	sso      *sso.Client      // talks to the organisations' identity providers (sso_*.go)
	sealer   *sso.Sealer      // seals and opens their secrets
	limiter  *apiLimiter      // the read API's rate per token (api_ratelimit.go)
	notify   *notify.Notifier // e-mail (mail_log.go, password_links.go); nil or off: no mail is sent
}

// New returns a Server over st.
func New(cfg config.Config, st *store.Store, log *slog.Logger) *Server {
	skemas := newPageCache(cfg.PageCacheMB << 20)
	return &Server{
		cfg:      cfg,
		store:    st,
		log:      log,
		sessions: auth.NewSessionStore(st, cfg.SecureCookies, cfg.SessionIdle, cfg.SessionMaxAge),
		throttle: auth.NewThrottle(st),
		hasher:   auth.NewHasher(auth.DefaultParams(), cfg.HashLimit, cfg.HashWait),
		proxies:  auth.NewProxies(cfg.TrustedProxies),
		now:      time.Now,
		loc:      copenhagen(),
		skemas:   skemas,
		metrics:  newMetrics(st.Pool(), skemas),
		imports:  make(chan struct{}, maxConcurrentImports),
		sso:      sso.NewClient(10 * time.Second),
		sealer:   newSealer(cfg.SSOSecretKey),
		limiter:  newAPILimiter(cfg.APIRateLimit, time.Now),
	}
}

// WithNotifier makes the server send its mails (invitations, password links, "Send påmindelse")
// through n, and returns it.
func (s *Server) WithNotifier(n *notify.Notifier) *Server {
	s.notify = n
	return s
}

// today is the current date in Denmark, as a UTC midnight (the form dates are compared with).
func (s *Server) today() time.Time {
	t := s.now().In(s.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// copenhagen is Danish time, or UTC where the time zone database is missing.
func copenhagen() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.UTC
	}
	return loc
}

// Handler returns the complete HTTP handler: every route with its middleware.
func (s *Server) Handler() http.Handler {
	return s.routes()
}
