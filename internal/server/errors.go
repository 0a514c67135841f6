package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/pages"
)

// handlerFunc is a handler that returns an error instead of writing one.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// errForbidden says the signed-in person may not do what was asked.
var errForbidden = errors.New("forbidden")

// errBadRequest wraps a request that cannot be understood (malformed form, wrong types).
type errBadRequest struct{ msg string }

func (e errBadRequest) Error() string { return e.msg }

// badRequest returns an error that becomes a 400 page with msg (which must be Danish and safe to show).
func badRequest(msg string) error { return errBadRequest{msg} }

// retryAfterSeconds is the Retry-After of a 503: about how long a database restart or a
// short overload lasts.
const retryAfterSeconds = "10"

// handle adapts h: its error becomes a response through fail.
func (s *Server) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := parseForm(w, r)
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll() //nolint:errcheck // temporary files only
		}
		if err == nil {
			err = h(w, r)
		}
		if err != nil {
			s.fail(w, r, err)
		}
	}
}

// fail answers err: too large → 413, a text PostgreSQL refuses (a NUL) → 400, not found
// (another organisation's object too: errHidden) → 404 page, forbidden → 403, bad request → 400 with its message,
// password hashing busy (auth.ErrBusy) or the database away or overloaded (store.Unavailable) → 503 with Retry-After, anything else →
// logged and a generic 500 page that never shows internal text. It is the one place that
// turns errors into responses (the middleware uses it too).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var bad errBadRequest
	switch {
	case errors.As(err, new(*http.MaxBytesError)):
		s.renderError(w, r, http.StatusRequestEntityTooLarge, msgBodyTooLarge)
	case badBytes(err):
		s.renderError(w, r, http.StatusBadRequest, msgBadChars)
	case errors.Is(err, store.ErrNotFound):
		s.renderError(w, r, http.StatusNotFound, "")
	case errors.Is(err, auth.ErrBusy):
		retryAfter(w, s.hasher.RetryAfter())
		s.renderError(w, r, http.StatusServiceUnavailable, "")
	case errors.Is(err, errForbidden):
		s.renderError(w, r, http.StatusForbidden, "")
	case errors.As(err, &bad):
		s.renderError(w, r, http.StatusBadRequest, bad.msg)
	case r.Context().Err() != nil:
		// The client went away; nothing to answer.
	case store.Unavailable(err):
		s.log.Warn("database unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", retryAfterSeconds)
		s.renderError(w, r, http.StatusServiceUnavailable, "")
	default:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "")
	}
}

// renderError writes the error page for status, with detail (a Danish message) when given.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, detail string) {
	w.Header().Set("Cache-Control", "no-store") // an error is never kept, wherever it came from
	if err := s.render(w, r, status, pages.Error(s.page(r, ""), status, detail)); err != nil {
		s.log.Error("render error page", "status", status, "err", err)
		http.Error(w, http.StatusText(status), status)
	}
}

// notFound is the router's handler for unknown paths.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, http.StatusNotFound, "")
}

// idParam reads the numeric id in the path; a malformed id is not found.
func idParam(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	if err != nil || id <= 0 {
		return 0, store.ErrNotFound
	}
	return id, nil
}

// The messages of a request that is too large or holds characters no text may.
var (
	msgBodyTooLarge = fmt.Sprintf("Formularen fylder mere end %d MB og kan ikke gemmes.", maxBodyBytes>>20)
	msgBadChars     = "Formularen eller adressen indeholder ugyldige tegn."
)

// parseForm parses a POST's form up front, so that a body that is too large or malformed
// becomes a 413 or 400 page instead of silently empty fields. A multipart form is held to the
// limit of an ordinary form (maxBodyBytes) unless the route takes a file (uploads.go), which
// reads its own.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodPost || (isMultipart(r) && isUpload(r)) {
		return nil
	}
	var err error
	if isMultipart(r) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		err = r.ParseMultipartForm(maxBodyBytes)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			return err
		}
		return badRequest("Formularen kunne ikke læses.")
	}
	for _, vs := range r.PostForm {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return badRequest("Formularen indeholder ugyldige tegn.")
			}
		}
	}
	return nil
}

// badBytes reports whether err is PostgreSQL refusing a text (a NUL byte or invalid UTF-8
// that no check caught): the request's fault, never a 500.
func badBytes(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "22021" || pg.Code == "22P05")
}

// errNotBuilt marks a handler whose feature is still being built.
var errNotBuilt = errors.New("not built yet")
