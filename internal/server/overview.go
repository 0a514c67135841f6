package server

import "net/http"

// organisationOverview is not built yet.
func (s *Server) organisationOverview(w http.ResponseWriter, r *http.Request) error {
	return errNotBuilt
}
