package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// The read API (/api/v1/…) for BI tools: JSON or CSV of one organisation's data, read with a
// personal API token ("Authorization: Bearer …") that an admin made on /org/{org}/admin/api-noegler
// (api_tokens_admin.go). Answers are JSON, errors too ({"error": {"status", "message"}}, the
// message in Danish); the collections and their paging are in api_list.go, the OpenAPI
// document in api_openapi.go.

// apiTokenKey is the context key of the request's API token.
type apiTokenKey struct{}

// apiToken returns the API token apiAuth found for the request.
func apiToken(r *http.Request) *domain.APIToken {
	t, _ := r.Context().Value(apiTokenKey{}).(*domain.APIToken)
	return t
}

// apiError is an error the API answers with its status and a Danish message.
type apiError struct {
	status     int
	msg        string
	retryAfter int // seconds, for 429 and 503 (0: no header)
}

func (e apiError) Error() string { return e.msg }

// apiAuth finds the request's API token by the SHA-256 of its bearer secret and lets the
// request through if auth.TokenCan lets the token read its organisation, within the token's
// rate (see apiLimiter). No token, an unknown one or a revoked one is 401; too many requests 429.
func (s *Server) apiAuth(next http.Handler) http.Handler {
	return s.api(func(w http.ResponseWriter, r *http.Request) error {
		secret := auth.BearerToken(r.Header.Get("Authorization"))
		if secret == "" {
			return apiError{status: http.StatusUnauthorized, msg: "Send en API-nøgle i headeren Authorization: Bearer …"}
		}
		tok, err := s.store.UseAPIToken(r.Context(), auth.HashSecret(secret))
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err != nil || !auth.TokenCan(&tok, auth.Read, auth.InOrganisation(tok.OrganisationID)) {
			return apiError{status: http.StatusUnauthorized, msg: "API-nøglen er ukendt eller tilbagekaldt."}
		}
		if wait := s.limiter.take(tok.ID); wait > 0 {
			return apiError{status: http.StatusTooManyRequests, retryAfter: wait,
				msg: "For mange forespørgsler med denne API-nøgle. Prøv igen om " + strconv.Itoa(wait) + " sekunder."}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), apiTokenKey{}, &tok)))
		return nil
	})
}

// api adapts an API handler: its error becomes a JSON error answer. Not found → 404, an
// apiError → its status (with Retry-After when it has one), the database away → 503 with
// Retry-After, anything else → logged and a generic 500.
func (s *Server) api(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil || r.Context().Err() != nil {
			return
		}
		var ae apiError
		switch {
		case errors.As(err, &ae):
		case errors.Is(err, store.ErrNotFound):
			ae = apiError{status: http.StatusNotFound, msg: "Findes ikke."}
		case databaseAway(err):
			s.log.Warn("api: database unavailable", "path", r.URL.Path, "err", err)
			ae = apiError{status: http.StatusServiceUnavailable, retryAfter: 30, msg: "Databasen svarer ikke lige nu. Prøv igen om lidt."}
		default:
			s.log.Error("api request failed", "path", r.URL.Path, "err", err)
			ae = apiError{status: http.StatusInternalServerError, msg: "Der skete en fejl. Prøv igen senere."}
		}
		if ae.retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(ae.retryAfter))
		}
		if ae.status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="sporbar"`)
		}
		body := map[string]any{"error": map[string]any{"status": ae.status, "message": ae.msg}}
		if err := writeJSON(w, r, ae.status, body); err != nil {
			s.log.Error("api: write error", "err", err)
		}
	}
}

// writeJSON encodes v into a buffer and only then writes the status and the body.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	return withBuffer(func(buf *bytes.Buffer) error {
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false) // an API answer is no HTML: "&" in a next link stays "&"
		if err := enc.Encode(v); err != nil {
			return err
		}
		return writeBody(w, r, status, "application/json; charset=utf-8", buf)
	})
}

// writeBody writes a finished body with its type, length and status; API answers are never cached.
func writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, buf *bytes.Buffer) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Header().Set("Cache-Control", "private, no-store")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return ignoreClientGone(r.Context(), err)
}

// databaseAway reports an error that says PostgreSQL cannot be reached or has ended the
// connection (it is restarting, or an operator stopped it): worth a 503 and a later retry.
func databaseAway(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P") // connection, operator
	}
	var netErr net.Error
	return errors.As(err, new(*pgconn.ConnectError)) || errors.As(err, &netErr) ||
		errors.Is(err, io.ErrUnexpectedEOF) || pgconn.SafeToRetry(err)
}
