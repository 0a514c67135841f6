package server

import "net/http"

// auditLog is not built yet.
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
