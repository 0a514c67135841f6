package server

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/store"
)

// recoverPanics turns a panic in a handler into a logged error and the generic 500 page.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.renderError(w, r, http.StatusInternalServerError, "")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// resolveClient records the request's client address (auth.ClientAddress): the peer's, or
// from X-Forwarded-For when the peer is a trusted proxy (TRUSTED_PROXIES).
func (s *Server) resolveClient(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, auth.WithClientAddress(r, s.proxies))
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs each request with its status and duration at debug level (warn for 5xx).
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		level := -4 // slog.LevelDebug
		if rec.status >= 500 {
			level = 4 // slog.LevelWarn
		}
		s.log.Log(r.Context(), slogLevel(level), "request", "method", r.Method, "path", r.URL.Path,
			"status", rec.status, "duration", time.Since(start))
	})
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// staticFiles serves the embedded assets, the compressible ones precompressed (static.go);
// versioned URLs (see components.StaticURL) are cached for a year. A directory, or a file that
// is not there, is the 404 page: nothing is listed.
func (s *Server) staticFiles(fsys fs.FS) http.Handler {
	files := newPrecompressed(fsys, http.FileServerFS(fsys))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if info, err := fs.Stat(fsys, name); err != nil || info.IsDir() || strings.HasSuffix(r.URL.Path, "/") {
			s.notFound(w, r)
			return
		}
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
}

// refuseBadAddress answers 400 when the path, decoded, holds invalid UTF-8 or a control
// character: no address of Sporbar's has one, and none reaches a handler or the database. The
// query is each page's to check, as a filter's form shows its own messages (audit.go,
// filters.go).
func (s *Server) refuseBadAddress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if badText(r.URL.Path) {
			s.renderError(w, r, http.StatusBadRequest, msgBadChars)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// noStore keeps browsers and proxies from storing a page (a signed-in page, the sign-in form):
// after signing out, Back must not show what the person saw.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// healthz answers as long as the process serves HTTP.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz answers 200 when the database is reachable and its schema is current, 503 otherwise.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	current, err := store.SchemaReady(ctx, s.store.Pool())
	switch {
	case err != nil:
		s.log.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unreachable\n"))
	case !current:
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("schema behind\n"))
	default:
		_, _ = w.Write([]byte("ok\n"))
	}
}

func slogLevel(l int) slog.Level { return slog.Level(l) }

// maxBodyBytes bounds a request body (forms; uploads get their own, larger limit).
const maxBodyBytes = 1 << 20

// limitBody refuses request bodies over maxBodyBytes, or maxUploadBytes for a multipart body
// (which parseForm limits to maxBodyBytes again unless the route takes a file: uploads.go).
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxBodyBytes)
		if isMultipart(r) {
			limit = maxUploadBytes
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// crossOriginProtection refuses state-changing requests that a browser says come from another
// site (Sec-Fetch-Site / Origin), with the 403 page; GET, HEAD and OPTIONS pass.
func (s *Server) crossOriginProtection(next http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.AddInsecureBypassPattern("POST /sso/{org}/{method}/acs") // the IdP's signed SAML response (sso_login.go)
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.Warn("cross-origin request denied", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "address", r.RemoteAddr)
		s.renderError(w, r, http.StatusForbidden, "")
	}))
	return p.Handler(next)
}
