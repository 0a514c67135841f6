package sso

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/sporbar/sporbar/internal/domain"
)

// backChannelEvent is the event a logout token carries (OpenID Connect Back-Channel Logout 1.0).
const backChannelEvent = "http://schemas.openid.net/event/backchannel-logout"

// VerifyLogoutToken checks a back-channel logout token from m's OP (signature by the issuer's
// keys, issuer, our client id as the only audience, issued within RequestLifetime, the logout
// event, no nonce) and returns the subject whose sessions are to end.
func (c *Client) VerifyLogoutToken(ctx context.Context, m domain.SignInMethod, raw string) (string, error) {
	p, err := c.provider(ctx, m.Issuer)
	if err != nil {
		return "", fmt.Errorf("verify logout token: %w", err)
	}
	var t *oidc.IDToken
	err = c.call(ctx, func() (err error) {
		t, err = p.Verifier(&oidc.Config{ClientID: m.ClientID, SkipExpiryCheck: true}).Verify(ctx, raw)
		return err
	})
	if err != nil {
		return "", fail(verifyKind(err), err)
	}
	now := c.now()
	switch {
	case len(t.Audience) != 1:
		return "", fail(FailAudience, fmt.Errorf("the logout token has other audiences: %q", t.Audience))
	case t.IssuedAt.Before(now.Add(-RequestLifetime)) || t.IssuedAt.After(now.Add(MaxClockSkew)) ||
		(!t.Expiry.IsZero() && now.Add(-MaxClockSkew).After(t.Expiry)):
		return "", fail(FailExpired, fmt.Errorf("logout token issued %s, expires %s", t.IssuedAt, t.Expiry))
	case t.Subject == "":
		return "", fail(FailInvalid, errors.New("the logout token names no subject"))
	}
	var cl struct {
		Events map[string]json.RawMessage `json:"events"`
		Nonce  *string                    `json:"nonce"`
	}
	if err := t.Claims(&cl); err != nil {
		return "", fail(FailInvalid, err)
	}
	if _, ok := cl.Events[backChannelEvent]; !ok || cl.Nonce != nil {
		return "", fail(FailInvalid, errors.New("not a logout token"))
	}
	return t.Subject, nil
}
