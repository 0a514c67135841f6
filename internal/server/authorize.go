package server

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// errHidden is the answer for another organisation's object: exactly that of a missing one (the
// 404 page), so that its ids cannot be probed.
var errHidden = fmt.Errorf("another organisation's: %w", store.ErrNotFound)

// authorize returns nil if the signed-in user may do a to res. Otherwise it logs the denial and
// returns errHidden when res belongs to another organisation than the user's (or there is no
// user), else errForbidden: a 403 is a refusal inside one's own organisation only.
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
	if u == nil || u.OrganisationID != res.OrganisationID {
		return errHidden
	}
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

// itemResource is the resource of an item of organisation orgID that belongs to unit (nil for
// organisation-wide items): the unit and every unit above it, for auth.Can.
// The chain is looked up once per request and unit (see unitChains), however many parts of a
// page ask.
func (s *Server) itemResource(r *http.Request, orgID int64, unit *int64) (auth.Resource, error) {
	if unit == nil {
		return auth.Resource{OrganisationID: orgID}, nil
	}
	cache, _ := r.Context().Value(ctxUnitChains).(unitChains)
	if chain, ok := cache[*unit]; ok {
		return auth.Resource{OrganisationID: orgID, Units: chain}, nil
	}
	chain, err := s.store.UnitChain(r.Context(), unit)
	if err != nil {
		return auth.Resource{}, err
	}
	if cache != nil {
		cache[*unit] = chain
	}
	return auth.Resource{OrganisationID: orgID, Units: chain}, nil
}

// unitChains caches, for one request, each unit's chain of units above it.
type unitChains map[int64][]int64

// can reports whether the signed-in user may do a to res (for showing or hiding controls).
func can(r *http.Request, a auth.Action, res auth.Resource) bool {
	return auth.Can(currentUser(r), a, res)
}
