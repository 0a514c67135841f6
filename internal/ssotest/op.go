package ssotest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/zitadel/oidc/v3/pkg/crypto"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// OP is a running OpenID Provider. Its sign-in form is at /login/username (fields username and
// password), reached through the authorization endpoint /auth.
type OP struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	people       *people
	storage      *opStorage
	stop         func()
	// Misbehaviour, for the tests of what Sporbar refuses: the next ID tokens carry a nonce or
	// an audience other than the request's.
	WrongNonce, WrongAudience atomic.Bool
}

// StartOP starts an OpenID Provider on addr ("127.0.0.1:0" for any free port) that knows ps
// and one web client (id and secret) allowed to send people back to redirectURIs.
func StartOP(addr, clientID, clientSecret string, redirectURIs []string, ps []Person) (*OP, error) {
	ln, base, err := listen(addr)
	if err != nil {
		return nil, fmt.Errorf("start op: %w", err)
	}
	o := &OP{Issuer: base, ClientID: clientID, ClientSecret: clientSecret, people: newPeople(ps)}
	client := storage.WebClient(clientID, clientSecret, redirectURIs...)
	st := &opStorage{Storage: storage.NewStorageWithClients(userStore{o.people}, map[string]*storage.Client{clientID: client}), op: o}
	o.storage = st
	o.stop = serve(ln, exampleop.SetupServer(base, st, nil, false))
	return o, nil
}

// Close stops the OP.
func (o *OP) Close() { o.stop() }

// BackChannelLogout tells the relying party at to that username has signed out at the OP:
// a logout token (OpenID Connect Back-Channel Logout 1.0) signed with the OP's key, posted
// server to server.
func (o *OP) BackChannelLogout(ctx context.Context, username, to string) error {
	key, err := o.storage.SigningKey(ctx)
	if err != nil {
		return err
	}
	signer, err := op.SignerFromKey(key)
	if err != nil {
		return err
	}
	claims := oidc.NewLogoutTokenClaims(o.Issuer, username, oidc.Audience{o.ClientID}, time.Now().Add(2*time.Minute),
		fmt.Sprintf("logout-%d", time.Now().UnixNano()), "", 0)
	token, err := crypto.Sign(claims, signer)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, to, strings.NewReader(url.Values{"logout_token": {token}}.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("back-channel logout: status %d", resp.StatusCode)
	}
	return nil
}

// SetRoles changes what the OP says about username's roles from the next sign-in on.
func (o *OP) SetRoles(username string, roles ...string) { o.people.setRoles(username, roles) }

// opStorage is the example storage with our people's e-mail, name, roles and unit in the ID
// token, and the misbehaviour switches.
type opStorage struct {
	*storage.Storage
	op *OP
}

// SetUserinfoFromScopes adds the person's claims to every ID token.
func (s *opStorage) SetUserinfoFromScopes(ctx context.Context, ui *oidc.UserInfo, userID, clientID string, scopes []string) error {
	if err := s.Storage.SetUserinfoFromScopes(ctx, ui, userID, clientID, scopes); err != nil {
		return err
	}
	p, ok := s.op.people.get(userID)
	if !ok {
		return fmt.Errorf("no person %q", userID)
	}
	ui.Subject = p.Username
	ui.Email = p.Email
	ui.Name = p.Name
	ui.AppendClaims("roles", p.Roles)
	if p.Unit != "" {
		ui.AppendClaims("unit", p.Unit)
	}
	return nil
}

// AuthRequestByCode hands the token endpoint the request, misbehaving when told to.
func (s *opStorage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	r, err := s.Storage.AuthRequestByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	return tampered{AuthRequest: r, nonce: s.op.WrongNonce.Load(), audience: s.op.WrongAudience.Load()}, nil
}

type tampered struct {
	op.AuthRequest
	nonce, audience bool
}

func (t tampered) GetNonce() string {
	if t.nonce {
		return "not-the-nonce-sporbar-sent"
	}
	return t.AuthRequest.GetNonce()
}

func (t tampered) GetAudience() []string {
	if t.audience {
		return []string{"another-application"}
	}
	return t.AuthRequest.GetAudience()
}

// userStore is the example storage's view of our people.
type userStore struct{ p *people }

func (u userStore) GetUserByID(id string) *storage.User { return u.GetUserByUsername(id) }

func (u userStore) GetUserByUsername(name string) *storage.User {
	p, ok := u.p.get(name)
	if !ok {
		return nil
	}
	return &storage.User{ID: p.Username, Username: p.Username, Password: p.Password, FirstName: p.Name,
		Email: p.Email, EmailVerified: true}
}

func (u userStore) ExampleClientID() string { return "" }
