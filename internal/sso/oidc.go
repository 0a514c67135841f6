package sso

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/sporbar/sporbar/internal/domain"
)

// OIDCStart is where to send the browser, and what the callback must match.
type OIDCStart struct {
	AuthURL  string
	Nonce    string
	Verifier string // PKCE code verifier
}

func oauthConfig(p *oidc.Provider, m domain.SignInMethod, secret []byte, redirectURL string) *oauth2.Config {
	scopes := strings.Fields(m.Scopes)
	if len(scopes) == 0 {
		scopes = []string{oidc.ScopeOpenID, "email", "profile"}
	}
	return &oauth2.Config{ClientID: m.ClientID, ClientSecret: string(secret), Endpoint: p.Endpoint(),
		RedirectURL: redirectURL, Scopes: scopes}
}

// StartOIDC builds the authorization request for m with state, a fresh nonce and a PKCE
// challenge (S256). The IdP sends the browser back to redirectURL.
func (c *Client) StartOIDC(ctx context.Context, m domain.SignInMethod, redirectURL, state string) (OIDCStart, error) {
	p, err := c.provider(ctx, m.Issuer)
	if err != nil {
		return OIDCStart{}, fmt.Errorf("start oidc: %w", err)
	}
	nonce, err := RandomToken()
	if err != nil {
		return OIDCStart{}, err
	}
	verifier := oauth2.GenerateVerifier()
	cfg := oauthConfig(p, m, nil, redirectURL)
	return OIDCStart{
		AuthURL:  cfg.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)),
		Nonce:    nonce,
		Verifier: verifier,
	}, nil
}

// FinishOIDC exchanges the code (with the PKCE verifier) for tokens and checks the ID token:
// signature by the issuer's keys, issuer, audience (our client id), expiry and issue time
// within MaxClockSkew, and the nonce of the request. It returns the token's claims.
func (c *Client) FinishOIDC(ctx context.Context, m domain.SignInMethod, secret []byte, redirectURL string,
	req domain.SignInRequest, code string) (domain.Claims, error) {
	p, err := c.provider(ctx, m.Issuer)
	if err != nil {
		return domain.Claims{}, fmt.Errorf("finish oidc: %w", err)
	}
	cfg := oauthConfig(p, m, secret, redirectURL)
	var tok *oauth2.Token
	err = c.call(ctx, func() (err error) {
		tok, err = cfg.Exchange(oidc.ClientContext(ctx, c.http), code, oauth2.VerifierOption(req.PKCEVerifier))
		return err
	})
	if err != nil {
		return domain.Claims{}, fail(FailIdP, fmt.Errorf("code exchange: %w", err))
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return domain.Claims{}, fail(FailInvalid, errors.New("no id_token in the token response"))
	}
	var idt *oidc.IDToken
	err = c.call(ctx, func() (err error) { // may fetch the issuer's new keys
		idt, err = p.Verifier(&oidc.Config{ClientID: m.ClientID, Now: func() time.Time { return c.now().Add(-MaxClockSkew) }}).Verify(ctx, raw)
		return err
	})
	if err != nil {
		return domain.Claims{}, fail(verifyKind(err), err)
	}
	if len(idt.Audience) != 1 {
		// OIDC Core 3.1.3.7: refuse a token that also speaks to audiences we do not trust.
		return domain.Claims{}, fail(FailAudience, fmt.Errorf("the id token has other audiences: %q", idt.Audience))
	}
	if idt.IssuedAt.After(c.now().Add(MaxClockSkew)) {
		return domain.Claims{}, fail(FailExpired, fmt.Errorf("id token issued in the future: %s", idt.IssuedAt))
	}
	if idt.Nonce == "" || idt.Nonce != req.Nonce {
		return domain.Claims{}, fail(FailNonce, errors.New("the id token's nonce is not the request's"))
	}
	var all map[string]any
	if err := idt.Claims(&all); err != nil {
		return domain.Claims{}, fail(FailInvalid, err)
	}
	return domain.Claims{Subject: idt.Subject, Values: flatten(all)}, nil
}

// verifyKind classifies go-oidc's verification errors, which are not typed but for expiry.
func verifyKind(err error) string {
	var exp *oidc.TokenExpiredError
	msg := err.Error()
	switch {
	case errors.As(err, &exp):
		return FailExpired
	case strings.Contains(msg, "audience"):
		return FailAudience
	case strings.Contains(msg, "issuer"):
		return FailIssuer
	case strings.Contains(msg, "signature"):
		return FailSignature
	}
	return FailInvalid
}

// flatten turns JSON claims into lists of strings: a string is one value, a list of strings
// (or numbers) its values, a number or boolean its text; objects are left out.
func flatten(all map[string]any) map[string][]string {
	out := make(map[string][]string, len(all))
	for k, v := range all {
		switch v := v.(type) {
		case string:
			out[k] = []string{v}
		case []any:
			for _, e := range v {
				if s, ok := scalar(e); ok {
					out[k] = append(out[k], s)
				}
			}
		default:
			if s, ok := scalar(v); ok {
				out[k] = []string{s}
			}
		}
	}
	return out
}

func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case float64, bool:
		return fmt.Sprint(v), true
	}
	return "", false
}

// RandomToken is 32 random bytes, URL-safe: states, nonces, relay states, browser bindings.
func RandomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
