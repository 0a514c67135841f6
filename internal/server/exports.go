package server

import "net/http"

// dashboardXLSX is not built yet.
func (s *Server) dashboardXLSX(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// dashboardCSV is not built yet.
func (s *Server) dashboardCSV(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// itemListXLSX is not built yet.
func (s *Server) itemListXLSX(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// itemListCSV is not built yet.
func (s *Server) itemListCSV(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
