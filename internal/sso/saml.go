package sso

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/crewjam/saml"
	"github.com/crewjam/saml/samlsp"

	"github.com/sporbar/sporbar/internal/domain"
)

// rsaSHA256 is the XML signature method of our AuthnRequests.
const rsaSHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"

// SAMLAddresses are the service provider's own addresses for one method (server/routes.go).
type SAMLAddresses struct {
	Metadata string // also our entity id
	ACS      string // where the IdP posts the response
	SLO      string // single logout: the IdP's LogoutRequest and LogoutResponse
}

// ServiceProvider builds crewjam/saml's service provider for m: our key pair (keyPEM is the
// opened private key), the IdP's metadata (every signing certificate in it is trusted, which
// is how an IdP rolls its certificate over), signed AuthnRequests (RSA-SHA256), SHA-1
// refused, and replay refused through replay. An m without IdP metadata gets an SP that can
// only serve its own metadata.
func ServiceProvider(m domain.SignInMethod, keyPEM []byte, addr SAMLAddresses, replay saml.AssertionReplayCache) (*saml.ServiceProvider, error) {
	cert, key, err := parseKeyPair(m.SPCertificate, keyPEM)
	if err != nil {
		return nil, fmt.Errorf("service provider: %w", err)
	}
	mdURL, err1 := url.Parse(addr.Metadata)
	acsURL, err2 := url.Parse(addr.ACS)
	sloURL, err3 := url.Parse(addr.SLO)
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, fmt.Errorf("service provider: %w", err)
	}
	sp := &saml.ServiceProvider{
		EntityID:              addr.Metadata,
		Key:                   key,
		Certificate:           cert,
		EncryptionKey:         key,
		EncryptionCertificate: cert,
		MetadataURL:           *mdURL,
		AcsURL:                *acsURL,
		SloURL:                *sloURL,
		LogoutBindings:        []string{saml.HTTPRedirectBinding},
		SignatureMethod:       rsaSHA256,
		AuthnNameIDFormat:     saml.UnspecifiedNameIDFormat,
		RejectSHA1Signatures:  true,
		ReplayCache:           replay,
		MetadataValidDuration: 7 * 24 * time.Hour,
	}
	if m.IDPMetadata != "" {
		md, err := samlsp.ParseMetadata([]byte(m.IDPMetadata))
		if err != nil {
			return nil, fmt.Errorf("service provider: the IdP's metadata: %w", err)
		}
		sp.IDPMetadata = md
	}
	return sp, nil
}

// CheckIDPMetadata reports whether data is an IdP's metadata with a single sign-on address
// and a signing certificate.
func CheckIDPMetadata(data []byte) error {
	md, err := samlsp.ParseMetadata(data)
	if err != nil {
		return err
	}
	if len(md.IDPSSODescriptors) == 0 {
		return errors.New("no IDPSSODescriptor")
	}
	return nil
}

// FetchIDPMetadata gets an IdP's metadata from its URL (bounded in size and time).
func (c *Client) FetchIDPMetadata(ctx context.Context, metadataURL string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, metadataURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch IdP metadata: %w", err)
	}
	var b strings.Builder
	err = c.call(ctx, func() error {
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		_, err = copyLimited(&b, resp.Body, 2<<20)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("fetch IdP metadata: %w", err)
	}
	data := []byte(b.String())
	if err := CheckIDPMetadata(data); err != nil {
		return nil, fmt.Errorf("fetch IdP metadata: %w", err)
	}
	return data, nil
}

// StartSAML makes a signed AuthnRequest (HTTP-Redirect binding; the response comes by
// HTTP-POST) and returns the address to send the browser to and the request's id.
func StartSAML(sp *saml.ServiceProvider, relayState string) (redirect, requestID string, err error) {
	if sp.IDPMetadata == nil {
		return "", "", fail(FailIdP, errors.New("no IdP metadata"))
	}
	dest := sp.GetSSOBindingLocation(saml.HTTPRedirectBinding)
	req, err := sp.MakeAuthenticationRequest(dest, saml.HTTPRedirectBinding, saml.HTTPPostBinding)
	if err != nil {
		return "", "", fmt.Errorf("start saml: %w", err)
	}
	u, err := req.Redirect(relayState, sp)
	if err != nil {
		return "", "", fmt.Errorf("start saml: %w", err)
	}
	return u.String(), req.ID, nil
}

// FinishSAML checks the IdP's response posted in r against the request with requestID
// (crewjam/saml: signature over the assertion or response, XML signature wrapping, issuer,
// audience, destination, time within saml.MaxClockSkew, InResponseTo, and replay through the
// SP's cache) and returns its subject (NameID, or subjectClaim) and attributes, each under its
// Name and its FriendlyName; a KOMBIT privilege list gives its privileges (privileges.go). The
// SAMLSession is for Single Logout (slo.go).
func FinishSAML(sp *saml.ServiceProvider, r *http.Request, requestID, subjectClaim string) (domain.Claims, SAMLSession, error) {
	if sp.IDPMetadata == nil {
		return domain.Claims{}, SAMLSession{}, fail(FailIdP, errors.New("no IdP metadata"))
	}
	a, err := sp.ParseResponse(r, []string{requestID})
	if err != nil {
		return domain.Claims{}, SAMLSession{}, fail(samlKind(err), err)
	}
	c, err := assertionClaims(a, subjectClaim)
	if err != nil {
		return domain.Claims{}, SAMLSession{}, err
	}
	var s SAMLSession
	if a.Subject != nil && a.Subject.NameID != nil {
		s.NameID, s.NameIDFormat = a.Subject.NameID.Value, a.Subject.NameID.Format
	}
	for _, st := range a.AuthnStatements {
		if st.SessionIndex != "" {
			s.SessionIndex = st.SessionIndex
		}
	}
	return c, s, nil
}

// assertionClaims are the subject and attributes of an assertion.
func assertionClaims(a *saml.Assertion, subjectClaim string) (domain.Claims, error) {
	c := domain.Claims{Values: map[string][]string{}}
	for _, st := range a.AttributeStatements {
		for _, at := range st.Attributes {
			for _, v := range at.Values {
				for _, name := range []string{at.Name, at.FriendlyName} {
					if name != "" {
						c.Values[name] = append(c.Values[name], expandPrivileges(v.Value)...)
					}
				}
			}
		}
	}
	if a.Subject != nil && a.Subject.NameID != nil {
		c.Subject = a.Subject.NameID.Value
	}
	if subjectClaim != "" {
		c.Subject = c.First(subjectClaim)
	}
	if c.Subject == "" {
		return domain.Claims{}, fail(FailInvalid, errors.New("the assertion names no subject"))
	}
	return c, nil
}

// samlKind classifies crewjam/saml's refusal by the private error under InvalidResponseError.
func samlKind(err error) string {
	var ir *saml.InvalidResponseError
	detail := err.Error()
	if errors.As(err, &ir) && ir.PrivateErr != nil {
		detail = ir.PrivateErr.Error()
	}
	detail = strings.ToLower(detail)
	switch {
	case errors.Is(err, saml.ErrAssertionReplayed) || strings.Contains(detail, "already been used"):
		return FailReplay
	case strings.Contains(detail, "audience"):
		return FailAudience
	case strings.Contains(detail, "signature") || strings.Contains(detail, "digest") || strings.Contains(detail, "signed"):
		return FailSignature
	case strings.Contains(detail, "expired") || strings.Contains(detail, "notonorafter") || strings.Contains(detail, "notbefore"):
		return FailExpired
	case strings.Contains(detail, "issuer"):
		return FailIssuer
	case strings.Contains(detail, "status"):
		return FailIdP
	}
	return FailInvalid
}

// Path is a method's address below /sso (server/routes.go): suffix "" starts signing in,
// "/callback" is the OIDC redirect URI, "/metadata" (also our SAML entity id) and "/acs" the
// SAML service provider's.
func Path(orgSlug, methodSlug, suffix string) string {
	return "/sso/" + orgSlug + "/" + methodSlug + suffix
}

// AddressesFor are the SAML service provider's addresses of a method under baseURL.
func AddressesFor(baseURL, orgSlug, methodSlug string) SAMLAddresses {
	return SAMLAddresses{Metadata: baseURL + Path(orgSlug, methodSlug, "/metadata"), ACS: baseURL + Path(orgSlug, methodSlug, "/acs"),
		SLO: baseURL + Path(orgSlug, methodSlug, "/slo")}
}

// Metadata is sp's metadata with m's next certificate, if any, published as a second signing
// key: the IdP learns it before Sporbar signs with it (rollover). Encrypted assertions stay
// for the current key until the next one is taken in use.
func Metadata(sp *saml.ServiceProvider, m domain.SignInMethod) (*saml.EntityDescriptor, error) {
	md := sp.Metadata()
	if m.SPNextCertificate == "" {
		return md, nil
	}
	next, err := parseCertificate(m.SPNextCertificate)
	if err != nil {
		return nil, fmt.Errorf("metadata: the next certificate: %w", err)
	}
	d := &md.SPSSODescriptors[0].KeyDescriptors
	*d = append(*d, saml.KeyDescriptor{Use: "signing", KeyInfo: saml.KeyInfo{X509Data: saml.X509Data{
		X509Certificates: []saml.X509Certificate{{Data: base64.StdEncoding.EncodeToString(next.Raw)}}}}})
	return md, nil
}
