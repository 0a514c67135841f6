package server

import "net/http"

// newActionPlan is not built yet.
func (s *Server) newActionPlan(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// createActionPlan is not built yet.
func (s *Server) createActionPlan(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// editActionPlan is not built yet.
func (s *Server) editActionPlan(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// updateActionPlan is not built yet.
func (s *Server) updateActionPlan(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// archiveActionPlan is not built yet.
func (s *Server) archiveActionPlan(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
