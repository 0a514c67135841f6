package server

import "net/http"

// newLocalInitiative is not built yet.
func (s *Server) newLocalInitiative(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// createLocalInitiative is not built yet.
func (s *Server) createLocalInitiative(w http.ResponseWriter, r *http.Request) error {
	return errNotBuilt
}

// editInitiative is not built yet.
func (s *Server) editInitiative(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// updateInitiative is not built yet.
func (s *Server) updateInitiative(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// archiveInitiative is not built yet.
func (s *Server) archiveInitiative(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
