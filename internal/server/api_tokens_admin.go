package server

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The administration of an organisation's API tokens (admins only, auth.ManageTokens): the
// list, a new token (its secret shown once, on the answer to the POST, and never stored), and
// revoking one. Both changes are in the change history (store/api_tokens.go).

// apiTokensOrg returns the organisation named in the path if the signed-in person may manage
// its API tokens, and errForbidden otherwise.
func (s *Server) apiTokensOrg(r *http.Request) (domain.Organisation, error) {
	org, err := s.store.GetOrganisationBySlug(r.Context(), chi.URLParam(r, "org"))
	if err != nil {
		return org, err
	}
	return org, s.authorize(r, auth.ManageTokens, auth.InOrganisation(org.ID))
}

// apiTokens shows the organisation's API tokens and the form for a new one.
func (s *Server) apiTokens(w http.ResponseWriter, r *http.Request) error {
	org, err := s.apiTokensOrg(r)
	if err != nil {
		return err
	}
	return s.renderAPITokens(w, r, http.StatusOK, pages.APITokensView{Org: org})
}

// renderAPITokens is the page shared by GET and the POSTs that answer with it.
func (s *Server) renderAPITokens(w http.ResponseWriter, r *http.Request, status int, v pages.APITokensView) error {
	tokens, err := s.store.ListAPITokens(r.Context(), v.Org.ID)
	if err != nil {
		return err
	}
	v.Tokens, v.APIBase = tokens, s.cfg.BaseURL+"/api/v1"
	if v.Errors == nil {
		v.Errors = domain.Errors{}
	}
	p := s.orgPage(r, v.Org, "admin", "API-nøgler", c.Crumb{Label: "API-nøgler"})
	if v.Secret != "" {
		w.Header().Set("Cache-Control", "no-store") // the secret must not stay in a cache
	}
	return s.render(w, r, status, pages.APITokens(p, v))
}

// createAPIToken makes a new token with the name given and shows its secret, once. A missing
// or too long name comes back with its message and the name kept (422).
func (s *Server) createAPIToken(w http.ResponseWriter, r *http.Request) error {
	org, err := s.apiTokensOrg(r)
	if err != nil {
		return err
	}
	name, errs := domain.ParseAPITokenName(r.PostFormValue("name"))
	if errs.Any() {
		return s.renderAPITokens(w, r, http.StatusUnprocessableEntity,
			pages.APITokensView{Org: org, Name: r.PostFormValue("name"), Errors: errs})
	}
	secret, hash := auth.NewSecret(auth.APITokenPrefix)
	u := currentUser(r)
	if _, err := s.store.CreateAPIToken(r.Context(), org.ID, u.ID, name, hash); err != nil {
		return err
	}
	s.log.Info("api token created", "org", org.ID, "by", u.ID, "name", name)
	return s.renderAPITokens(w, r, http.StatusCreated, pages.APITokensView{Org: org, Secret: secret})
}

// revokeAPIToken revokes the organisation's token named by the form field "id" at once and
// goes back to the list with a message. A token of another organisation is 404.
func (s *Server) revokeAPIToken(w http.ResponseWriter, r *http.Request) error {
	org, err := s.apiTokensOrg(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return badRequest("Vælg den API-nøgle, der skal tilbagekaldes.")
	}
	u := currentUser(r)
	if err := s.store.RevokeAPIToken(r.Context(), org.ID, u.ID, id); err != nil {
		return err
	}
	s.log.Info("api token revoked", "org", org.ID, "by", u.ID, "token", id)
	return s.redirectWithFlash(w, r, string(c.APITokensURL(org.Slug)), "API-nøglen er tilbagekaldt. Den virker ikke længere.")
}
