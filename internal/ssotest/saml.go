package ssotest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"time"

	"github.com/crewjam/saml/logger"
	"github.com/crewjam/saml/samlidp"
)

// SAMLIdP is a running SAML 2.0 identity provider (crewjam/saml's samlidp). Its metadata is at
// MetadataURL; people sign in on its form (fields user and password). The NameID is the
// person's e-mail address; roles are the eduPersonAffiliation attribute.
type SAMLIdP struct {
	URL         string
	MetadataURL string
	people      *people
	stop        func()
}

// SAMLKeys are an IdP's signing key and certificate, and further certificates its metadata
// announces (as an IdP does before it rolls its key over).
type SAMLKeys struct {
	Key   *rsa.PrivateKey
	Cert  *x509.Certificate
	Extra []*x509.Certificate
}

// NewSAMLKeys makes a signing key pair for a test IdP.
func NewSAMLKeys() (SAMLKeys, error) {
	key, cert, err := selfSigned("Sporbar test IdP")
	return SAMLKeys{Key: key, Cert: cert}, err
}

// StartSAMLIdP starts a SAML IdP on addr ("127.0.0.1:0" for any free port) that knows ps.
func StartSAMLIdP(addr string, ps []Person) (*SAMLIdP, error) {
	keys, err := NewSAMLKeys()
	if err != nil {
		return nil, fmt.Errorf("start saml idp: %w", err)
	}
	return StartSAMLIdPWithKeys(addr, ps, keys)
}

// StartSAMLIdPWithKeys is StartSAMLIdP signing with keys.
func StartSAMLIdPWithKeys(addr string, ps []Person, keys SAMLKeys) (*SAMLIdP, error) {
	ln, base, err := listen(addr)
	if err != nil {
		return nil, fmt.Errorf("start saml idp: %w", err)
	}
	u, _ := url.Parse(base)
	srv, err := samlidp.New(samlidp.Options{URL: *u, Key: keys.Key, Signer: keys.Key, Certificate: keys.Cert,
		ExtraCertificates: keys.Extra, Store: &samlidp.MemoryStore{}, Logger: logger.DefaultLogger})
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("start saml idp: %w", err)
	}
	idp := &SAMLIdP{URL: base, MetadataURL: base + "/metadata", people: newPeople(ps), stop: serve(ln, srv)}
	for _, p := range ps {
		if err := idp.putUser(p); err != nil {
			idp.Close()
			return nil, err
		}
	}
	return idp, nil
}

// Close stops the IdP.
func (i *SAMLIdP) Close() { i.stop() }

// RegisterSP tells the IdP about a service provider by its metadata (samlidp's PUT /services/{id}).
func (i *SAMLIdP) RegisterSP(id string, metadata []byte) error {
	return i.put("/services/"+url.PathEscape(id), metadata)
}

// SetRoles changes what the IdP says about username's roles from the next sign-in on.
func (i *SAMLIdP) SetRoles(username string, roles ...string) error {
	i.people.setRoles(username, roles)
	p, _ := i.people.get(username)
	return i.putUser(p)
}

func (i *SAMLIdP) putUser(p Person) error {
	pw := p.Password
	body, err := json.Marshal(samlidp.User{Name: p.Username, PlaintextPassword: &pw, Groups: p.Roles,
		Email: p.Email, CommonName: p.Name})
	if err != nil {
		return err
	}
	return i.put("/users/"+url.PathEscape(p.Username), body)
}

func (i *SAMLIdP) put(path string, body []byte) error {
	req, err := http.NewRequest(http.MethodPut, i.URL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	// A connection of its own: an IdP restarted on the same address must not get an old one.
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("saml idp %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		return fmt.Errorf("saml idp %s: status %d: %s", path, resp.StatusCode, msg)
	}
	return nil
}

func selfSigned(cn string) (*rsa.PrivateKey, *x509.Certificate, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(1, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return key, cert, err
}
