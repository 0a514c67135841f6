package server

import "net/http"

// reporting is not built yet.
func (s *Server) reporting(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
