package server

import "net/http"

// approveAgreement is not built yet.
func (s *Server) approveAgreement(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// agreementChanges is not built yet.
func (s *Server) agreementChanges(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
