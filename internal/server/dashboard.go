package server

import "net/http"

// dashboard is not built yet.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// itemList is not built yet.
func (s *Server) itemList(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
