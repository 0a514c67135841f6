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
	slots     chan struct{} // bounds the calls to identity providers under way at once
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

// MaxCalls is how many calls to identity providers may be under way at once; a sign-in that
// finds them all busy waits for a slot as long as its request lives.
const MaxCalls = 32

// NewClient returns a Client whose calls to identity providers give up after timeout.
func NewClient(timeout time.Duration) *Client {
	return &Client{http: &http.Client{Timeout: timeout}, slots: make(chan struct{}, MaxCalls), now: time.Now,
		providers: map[string]cachedProvider{}}
}

// call runs fn (a call to an IdP) in one of the Client's slots.
func (c *Client) call(ctx context.Context, fn func() error) error {
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return fail(FailIdP, ctx.Err())
	}
	defer func() { <-c.slots }()
	return fn()
}

// provider returns the issuer's discovered provider, from the cache when fresh.
func (c *Client) provider(ctx context.Context, issuer string) (*oidc.Provider, error) {
	c.mu.Lock()
	cp, ok := c.providers[issuer]
	c.mu.Unlock()
	if ok && c.now().Sub(cp.fetched) < time.Hour {
		return cp.p, nil
	}
	var p *oidc.Provider
	err := c.call(ctx, func() (err error) {
		p, err = oidc.NewProvider(oidc.ClientContext(ctx, c.http), issuer)
		return err
	})
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
