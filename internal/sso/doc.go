// Package sso signs people in through their organisation's own identity provider: OpenID
// Connect (authorization code flow with PKCE, coreos/go-oidc and x/oauth2) and SAML 2.0 as a
// service provider (crewjam/saml). It speaks the protocols and turns what comes back into
// domain.Claims; what the claims give in Sporbar is auth.GrantFromClaims, and the accounts,
// sessions and pages are the server's (server/sso_*.go). Secrets are sealed with Sealer.
package sso

import (
	"errors"
	"fmt"
)

// Failure kinds, for the log: every refused sign-in is logged with one of them.
const (
	FailIdP       = "idp-error"      // the IdP answered with an error, or could not be reached
	FailState     = "unknown-state"  // no sign-in under way matches (used, expired, another browser)
	FailNonce     = "wrong-nonce"    // the ID token's nonce is not the one we sent
	FailAudience  = "wrong-audience" // the token or assertion is for someone else
	FailIssuer    = "wrong-issuer"
	FailExpired   = "expired"
	FailSignature = "bad-signature" // tampered, or signed by a key we do not trust
	FailReplay    = "replayed"      // an assertion already used
	FailInvalid   = "invalid"       // anything else wrong with the answer
)

// Failure is a refused sign-in: Kind for the log and the tests, Err for the details (which
// are logged, never shown to the person).
type Failure struct {
	Kind string
	Err  error
}

func (f *Failure) Error() string { return fmt.Sprintf("sign-in refused (%s): %v", f.Kind, f.Err) }
func (f *Failure) Unwrap() error { return f.Err }

func fail(kind string, err error) error { return &Failure{Kind: kind, Err: err} }

// FailureKind returns the kind of a Failure in err's chain, or "" when there is none.
func FailureKind(err error) string {
	var f *Failure
	if errors.As(err, &f) {
		return f.Kind
	}
	return ""
}
