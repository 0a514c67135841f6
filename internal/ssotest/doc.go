// Package ssotest starts real identity providers on loopback ports, for the tests and for
// `sporbar dev-idp`: an OpenID Provider built with zitadel/oidc's op package (its example
// storage, with our people, their roles and units added to the ID token), and a SAML 2.0 IdP
// (crewjam/saml's samlidp). Both sign in people from Person lists, whose roles can change
// while the IdP runs.
package ssotest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Person is somebody the test IdPs know.
type Person struct {
	Username string // also the OIDC subject
	Password string
	Name     string
	Email    string
	Roles    []string // OIDC claim "roles", SAML attribute eduPersonAffiliation
	Unit     string   // OIDC claim "unit": a unit's external id; "" = none
}

// people is a concurrency-safe list of persons by username.
type people struct {
	mu sync.RWMutex
	m  map[string]Person
}

func newPeople(ps []Person) *people {
	p := &people{m: map[string]Person{}}
	for _, x := range ps {
		p.m[x.Username] = x
	}
	return p
}

func (p *people) get(username string) (Person, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	x, ok := p.m[username]
	return x, ok
}

func (p *people) setRoles(username string, roles []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	x := p.m[username]
	x.Roles = roles
	p.m[username] = x
}

// serve runs h on a new loopback listener and returns its base URL and a stop function.
func serve(ln net.Listener, h http.Handler) func() {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln) //nolint:errcheck // ends with ErrServerClosed at stop
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			srv.Close() //nolint:errcheck // best effort
		}
	}
}

// listen opens a loopback listener on addr ("127.0.0.1:0" for any free port).
func listen(addr string) (net.Listener, string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	return ln, "http://" + ln.Addr().String(), nil
}
