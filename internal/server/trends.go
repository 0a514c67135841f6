package server

import "net/http"

// trends is not built yet.
func (s *Server) trends(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
