package server

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/crewjam/saml"
	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
)

// samlACS receives the SAML IdP's response (HTTP-POST binding, from the IdP's page, so it is
// exempt from the cross-origin check: the signed response is its own proof). The request is
// found by RelayState; each assertion is accepted once.
func (s *Server) samlACS(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.signInMethodOf(r, domain.MethodSAML)
	if err != nil {
		return err
	}
	req, err := s.store.GetSignInRequest(r.Context(), m.ID, hash(r.PostFormValue("RelayState")))
	if errors.Is(err, store.ErrNotFound) {
		return s.ssoRefused(w, r, org, m, "", &sso.Failure{Kind: sso.FailState, Err: err})
	} else if err != nil {
		return err
	}
	sp, err := s.serviceProvider(r, org, m)
	if err != nil {
		return err
	}
	claims, slo, err := sso.FinishSAML(sp, r, req.RequestID, m.SubjectClaim)
	if err != nil {
		return s.ssoRefused(w, r, org, m, req.Next, err)
	}
	return s.finishSignIn(w, r, org, m, req.Next, claims, slo)
}

// samlMetadata is our service provider's metadata for the method: what the kommune's IdP needs
// (entity id, ACS address, signing and encryption certificate).
func (s *Server) samlMetadata(w http.ResponseWriter, r *http.Request) error {
	org, err := s.store.GetOrganisationBySlug(r.Context(), chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	m, err := s.store.GetSignInMethodBySlug(r.Context(), org.ID, chi.URLParam(r, "method"))
	if err != nil {
		return err
	}
	if m.Kind != domain.MethodSAML {
		return store.ErrNotFound
	}
	m.IDPMetadata = "" // our own metadata does not depend on the IdP's
	sp, err := s.serviceProvider(r, org, m)
	if err != nil {
		return err
	}
	md, err := sso.Metadata(sp, m)
	if err != nil {
		return err
	}
	body, err := xml.MarshalIndent(md, "", "  ")
	if err != nil {
		return fmt.Errorf("saml metadata: %w", err)
	}
	w.Header().Set("Content-Type", "application/samlmetadata+xml")
	_, err = w.Write(append([]byte(xml.Header), body...))
	return err
}

// serviceProvider is crewjam/saml's SP for the method, with its key opened and replay
// refused through the database (several Sporbar instances share it).
func (s *Server) serviceProvider(r *http.Request, org domain.Organisation, m domain.SignInMethod) (*saml.ServiceProvider, error) {
	key, err := s.sealer.Open(m.SPPrivateKey)
	if err != nil {
		return nil, err
	}
	return sso.ServiceProvider(m, key, sso.AddressesFor(s.cfg.BaseURL, org.Slug, m.Slug),
		replayCache{r: r, st: s.store, methodID: m.ID})
}

// replayCache remembers the method's used assertion ids in sign_in_assertions.
type replayCache struct {
	r        *http.Request
	st       *store.Store
	methodID int64
}

// Consume records id until expires; one already recorded is saml.ErrAssertionReplayed.
func (c replayCache) Consume(id string, expires time.Time) error {
	err := c.st.RememberAssertion(c.r.Context(), c.methodID, id, expires)
	if errors.Is(err, store.ErrConflict) {
		return saml.ErrAssertionReplayed
	}
	return err
}
