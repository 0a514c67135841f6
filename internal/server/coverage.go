package server

import "net/http"

// coverage is not built yet.
func (s *Server) coverage(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
