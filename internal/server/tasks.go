package server

import "net/http"

// myTasks is not built yet.
func (s *Server) myTasks(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// markAllActivityRead is not built yet.
func (s *Server) markAllActivityRead(w http.ResponseWriter, r *http.Request) error {
	return errNotBuilt
}

// openActivity is not built yet.
func (s *Server) openActivity(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
