package server_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/sporbar/sporbar/internal/domain"
)

// TestSSOProfileWithoutPassword: Min profil offers a password change only to an account with a
// password of its own; an account made by the IdP is told where its password lives, and a
// posted change is refused with 400.
func TestSSOProfileWithoutPassword(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	tests := []struct {
		name       string
		signIn     func()
		wantForm   bool
		wantStatus int // of a posted change with a wrong current password
	}{
		{"an account made by the IdP", func() {
			if resp, _ := f.oidcSignIn(t, "bent"); resp.Request.URL.Path != "/profil" {
				t.Fatalf("sign-in ended on %s", resp.Request.URL.Path)
			}
		}, false, http.StatusBadRequest},
		{"a local account", func() { f.client = newClient(t); f.signIn(t, userEmail(kommune, domain.RoleAdmin)) }, true, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		tt.signIn()
		_, doc := f.get(t, "/profil")
		if got := doc.Find(`form[action="/profil/adgangskode"]`).Length() > 0; got != tt.wantForm {
			t.Errorf("%s: password form %v, want %v", tt.name, got, tt.wantForm)
		}
		status, _ := f.post(t, "/profil/adgangskode", url.Values{"current": {"forkert-forkert"}, "new": {"en ny lang adgangskode"},
			"repeat": {"en ny lang adgangskode"}})
		if status != tt.wantStatus {
			t.Errorf("%s: a posted change: status %d, want %d", tt.name, status, tt.wantStatus)
		}
	}
}
