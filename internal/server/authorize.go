package server

import (
	"log/slog"
	"net/http"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
)

// authorize returns errForbidden (and logs the denial) unless the signed-in user may do a to res.
func (s *Server) authorize(r *http.Request, a auth.Action, res auth.Resource) error {
	u := currentUser(r)
	if auth.Can(u, a, res) {
		return nil
	}
	attrs := []any{"action", a, "method", r.Method, "path", r.URL.Path, "address", auth.ClientAddress(r),
		"resource_org", res.OrganisationID}
	if u != nil {
		attrs = append(attrs, "user", u.Email, "org", u.OrganisationID, "role", u.Role)
	}
	s.log.Log(r.Context(), slog.LevelWarn, "request denied", attrs...)
	return errForbidden
}

// readableOrg returns the organisation with id if the signed-in user may read it.
func (s *Server) readableOrg(r *http.Request, id int64) (domain.Organisation, error) {
	if err := s.authorize(r, auth.Read, auth.InOrganisation(id)); err != nil {
		return domain.Organisation{}, err
	}
	return s.store.GetOrganisation(r.Context(), id)
}

// readableOrgBySlug returns the organisation named by slug if the signed-in user may read it.
func (s *Server) readableOrgBySlug(r *http.Request, slug string) (domain.Organisation, error) {
	org, err := s.store.GetOrganisationBySlug(r.Context(), slug)
	if err != nil {
		return org, err
	}
	return org, s.authorize(r, auth.Read, auth.InOrganisation(org.ID))
}
