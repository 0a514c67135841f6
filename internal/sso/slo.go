package sso

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/crewjam/saml"
)

// SAMLSession is what SAML Single Logout needs of a sign-in: the assertion's NameID (with its
// format) and the IdP's session index.
type SAMLSession struct {
	NameID, NameIDFormat, SessionIndex string
}

// StartSAMLLogout makes a signed LogoutRequest for s (HTTP-Redirect binding) and returns the
// address at the IdP to send the browser to and the request's id; ok is false when the IdP's
// metadata names no HTTP-Redirect SingleLogoutService.
func StartSAMLLogout(sp *saml.ServiceProvider, s SAMLSession, relayState string) (redirect, requestID string, ok bool, err error) {
	dest := sp.GetSLOBindingLocation(saml.HTTPRedirectBinding)
	if dest == "" || s.NameID == "" {
		return "", "", false, nil
	}
	req, err := sp.MakeLogoutRequest(dest, s.NameID, saml.WithSessionIndex(s.SessionIndex), func(r *saml.LogoutRequest) {
		if s.NameIDFormat != "" {
			r.NameID.Format = s.NameIDFormat
		}
	})
	if err != nil {
		return "", "", false, fmt.Errorf("start saml logout: %w", err)
	}
	u, err := sp.RedirectLogoutRequestURL(req, relayState)
	if err != nil {
		return "", "", false, fmt.Errorf("start saml logout: %w", err)
	}
	return u.String(), req.ID, true, nil
}

// FinishSAMLLogout checks the IdP's LogoutResponse in r (signed by the IdP, in response to
// requestID, status Success).
func FinishSAMLLogout(sp *saml.ServiceProvider, r *http.Request, requestID string) error {
	if _, err := sp.ParseLogoutResponse(r, []string{requestID}); err != nil {
		return fail(samlKind(err), err)
	}
	return nil
}

// AnswerSAMLLogout checks an IdP-initiated LogoutRequest in r (signed by the IdP, issuer,
// destination, time, replay) and returns its NameID, whose Sporbar sessions the caller ends,
// and the address of our signed LogoutResponse (HTTP-Redirect) to send the browser back with.
func AnswerSAMLLogout(sp *saml.ServiceProvider, r *http.Request) (nameID, redirect string, err error) {
	req, err := sp.ValidateLogoutRequest(r)
	if err != nil {
		return "", "", fail(samlKind(err), err)
	}
	if req.NameID == nil || req.NameID.Value == "" {
		return "", "", fail(FailInvalid, errors.New("the logout request names no subject"))
	}
	u, err := sp.MakeRedirectLogoutResponse(req.ID, r.FormValue("RelayState"))
	if err != nil {
		return "", "", fmt.Errorf("answer saml logout: %w", err)
	}
	return req.NameID.Value, u.String(), nil
}
