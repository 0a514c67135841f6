package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/notify"
	"github.com/sporbar/sporbar/web/pages"
)

// Which mails a person gets: the choices on Min profil, and the unsubscribe link in every mail,
// which works without signing in (a signed token, notify/unsubscribe.go).

// mailSettings is the mail part of Min profil for the user (one query, none with mail off).
func (s *Server) mailSettings(ctx context.Context, userID int64) (pages.MailSettingsView, error) {
	v := pages.MailSettingsView{Enabled: s.notify.Enabled(), Kinds: domain.MailPreferenceKinds()}
	if !v.Enabled {
		return v, nil // nothing to choose: the page says that no mail is sent
	}
	own, org, err := s.store.MailPreferences(ctx, userID)
	if err != nil {
		return v, err
	}
	v.Own, v.Defaults = own, map[string]string{}
	for _, k := range v.Kinds {
		v.Defaults[k] = org[k]
		if v.Defaults[k] == "" {
			v.Defaults[k] = domain.DefaultFrequency(k)
		}
	}
	return v, nil
}

// saveMailSettings saves the person's choice per kind ("" = the organisation's default).
func (s *Server) saveMailSettings(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := currentUser(r)
	for _, k := range domain.MailPreferenceKinds() {
		f := r.PostFormValue("freq-" + k)
		if f != "" && !domain.ValidMailFrequency(f) {
			return badRequest("Vælg hvor ofte blandt de viste muligheder.")
		}
		if err := s.store.SetMailPreference(ctx, u.ID, k, f); err != nil {
			return err
		}
	}
	return s.redirectWithFlash(w, r, "/profil#mails", "Dine valg af e-mails er gemt.")
}

// unsubscribeKind checks the token in the path and returns the user and kind it turns off.
func (s *Server) unsubscribeKind(r *http.Request) (int64, string, error) {
	id, kind, err := s.notify.ParseUnsubscribeToken(chi.URLParam(r, "token"))
	if errors.Is(err, notify.ErrBadToken) {
		return 0, "", badRequest("Afmeldingslinket er ikke gyldigt. Vælg dine e-mails under Min profil.")
	}
	return id, kind, err
}

// showUnsubscribe asks to confirm turning the kind off (a link checker's GET changes nothing).
func (s *Server) showUnsubscribe(w http.ResponseWriter, r *http.Request) error {
	_, kind, err := s.unsubscribeKind(r)
	if err != nil {
		return err
	}
	v := pages.UnsubscribeView{Token: chi.URLParam(r, "token"), Kind: kind}
	return s.render(w, r, http.StatusOK, pages.Unsubscribe(s.page(r, "Afmeld e-mails"), v))
}

// unsubscribe turns the kind of mail off for the person in the token.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) error {
	id, kind, err := s.unsubscribeKind(r)
	if err != nil {
		return err
	}
	if err := s.store.SetMailPreference(r.Context(), id, kind, domain.FrequencyNever); err != nil {
		return err
	}
	s.log.Info("unsubscribed", "user", id, "kind", kind)
	v := pages.UnsubscribeView{Token: chi.URLParam(r, "token"), Kind: kind, Done: true}
	return s.render(w, r, http.StatusOK, pages.Unsubscribe(s.page(r, "Afmeld e-mails"), v))
}
