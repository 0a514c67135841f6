package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// TestSSOLinksAnExistingAccountByPassword: a person whose e-mail address already has an
// account is not linked by the address alone; signing in once with the account's password
// links it, and from then on the IdP signs them in with the role its claims give.
func TestSSOLinksAnExistingAccountByPassword(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	st, ctx := store.New(f.db), context.Background()
	org, err := st.GetOrganisationBySlug(ctx, kommune)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := testPasswordHash()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, domain.User{OrganisationID: org.ID, Email: "bent@kommune.example",
		Name: "Bent Lokal", Role: domain.RoleLaeser, PasswordHash: hash, Active: true}); err != nil {
		t.Fatal(err)
	}
	f.op.SetRoles("bent", "sporbar-admin")
	resp, doc := f.oidcSignIn(t, "bent")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(alertText(doc), "knyttes") ||
		doc.Find("#email").AttrOr("value", "") != "bent@kommune.example" {
		t.Fatalf("first IdP sign-in: status %d, %q, e-mail %q", resp.StatusCode, alertText(doc), doc.Find("#email").AttrOr("value", ""))
	}
	var n int
	if err := f.db.QueryRow(ctx, `SELECT count(*) FROM user_identities`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("identities before the password: %d (%v), want 0", n, err)
	}
	status, _ := f.post(t, "/login", url.Values{"email": {"bent@kommune.example"}, "password": {testPassword}})
	if status != http.StatusOK {
		t.Fatalf("password sign-in: status %d", status)
	}
	if resp, _ := f.oidcSignIn(t, "bent"); resp.Request.URL.Path != "/profil" {
		t.Fatalf("IdP sign-in after linking ended on %s", resp.Request.URL.Path)
	}
	if role, _ := f.profile(t); role != "Administrator" {
		t.Errorf("role after linking %q, want Administrator (from the claims)", role)
	}
}
