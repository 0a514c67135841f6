package server

import (
	"crypto/rand"
	"net/http"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/web/pages"
)

// The status and comment forms carry an idempotency key: a random value rendered as the hidden
// field idempotency_key with each new form. The store keeps one row per person and key
// (store/idempotency.go), so a post retried after its answer was lost stores nothing new and
// is answered as the first one was.

// newFormKey returns a fresh idempotency key (crypto/rand's Text: 128 random bits, base32).
func newFormKey() string { return rand.Text() }

// postedFormKey reads the posted idempotency key: empty when the form had none (an older page
// or another client), a 400 when it is not one Sporbar could have made.
func postedFormKey(r *http.Request) (string, error) {
	key := r.PostFormValue("idempotency_key")
	if len(key) > 64 {
		return "", badRequest("Formularen kunne ikke læses.")
	}
	for _, c := range key {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return "", badRequest("Formularen kunne ikke læses.")
		}
	}
	return key, nil
}

// answerSaved answers a post whose write the database has committed, so nothing here may turn
// into an error page that says it failed: with htmx the section read again with a notice (or,
// when it cannot be read, the notice alone and a request to reload); without, a redirect to
// `to` with the flash (a flash that cannot be saved is logged and left out).
func (s *Server) answerSaved(w http.ResponseWriter, r *http.Request, view func(forms) (pages.TrackingView, error),
	section func(pages.TrackingView) templ.Component, to, msg string) error {
	if !isHTMX(r) {
		return s.redirectWithFlash(w, r, to, msg)
	}
	t, err := view(forms{})
	if err != nil {
		s.log.Warn("saved, but the section could not be read again", "path", r.URL.Path, "err", err)
		return s.render(w, r, http.StatusOK, pages.SavedNotice(msg+" Genindlæs siden for at se det."))
	}
	return s.render(w, r, http.StatusOK, pages.WithNotice(section(t), msg))
}
