package sso

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
)

// Client speaks to identity providers. It keeps each OIDC issuer's discovery document and keys
// for an hour, so a sign-in costs the IdP one round trip (the code exchange). It is safe for
// concurrent use.
type Client struct {
	http      *http.Client
	now       func() time.Time
	mu        sync.Mutex
	providers map[string]cachedProvider // by issuer
}

type cachedProvider struct {
	p       *oidc.Provider
	fetched time.Time
}

// MaxClockSkew bounds how far the IdP's clock may be from ours when tokens are checked.
const MaxClockSkew = 2 * time.Minute

// RequestLifetime is how long a sign-in may take at the IdP before its state is worth nothing.
const RequestLifetime = 10 * time.Minute

// NewClient returns a Client whose calls to identity providers give up after timeout.
func NewClient(timeout time.Duration) *Client {
	return &Client{http: &http.Client{Timeout: timeout}, now: time.Now, providers: map[string]cachedProvider{}}
}

// provider returns the issuer's discovered provider, from the cache when fresh.
func (c *Client) provider(ctx context.Context, issuer string) (*oidc.Provider, error) {
	c.mu.Lock()
	cp, ok := c.providers[issuer]
	c.mu.Unlock()
	if ok && c.now().Sub(cp.fetched) < time.Hour {
		return cp.p, nil
	}
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, c.http), issuer)
	if err != nil {
		return nil, fail(FailIdP, err)
	}
	c.mu.Lock()
	if len(c.providers) > 1000 {
		clear(c.providers)
	}
	c.providers[issuer] = cachedProvider{p: p, fetched: c.now()}
	c.mu.Unlock()
	return p, nil
}
