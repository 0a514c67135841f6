package server

import "net/http"

// timeline is not built yet.
func (s *Server) timeline(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
