package server

import "net/http"

// postInitiativeStatus is not built yet.
func (s *Server) postInitiativeStatus(w http.ResponseWriter, r *http.Request) error {
	return errNotBuilt
}

// postActionPlanStatus is not built yet.
func (s *Server) postActionPlanStatus(w http.ResponseWriter, r *http.Request) error {
	return errNotBuilt
}

// postInitiativeComment is not built yet.
func (s *Server) postInitiativeComment(w http.ResponseWriter, r *http.Request) error {
	return errNotBuilt
}

// postActionPlanComment is not built yet.
func (s *Server) postActionPlanComment(w http.ResponseWriter, r *http.Request) error {
	return errNotBuilt
}

// postAgreementComment is not built yet.
func (s *Server) postAgreementComment(w http.ResponseWriter, r *http.Request) error {
	return errNotBuilt
}

// initiativeHistory is not built yet.
func (s *Server) initiativeHistory(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// actionPlanHistory is not built yet.
func (s *Server) actionPlanHistory(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }

// agreementHistory is not built yet.
func (s *Server) agreementHistory(w http.ResponseWriter, r *http.Request) error { return errNotBuilt }
