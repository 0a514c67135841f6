package auth

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestCanManageTokens(t *testing.T) {
	t.Parallel()
	const org, other = 1, 2
	tests := []struct {
		name string
		role string
		res  Resource
		want bool
	}{
		{"admin manages own tokens", domain.RoleAdmin, InOrganisation(org), true},
		{"admin not another org's", domain.RoleAdmin, InOrganisation(other), false},
		{"direktion does not", domain.RoleDirektion, InOrganisation(org), false},
		{"fagchef does not", domain.RoleFagchef, InOrganisation(org), false},
		{"læser does not", domain.RoleLaeser, InOrganisation(org), false},
	}
	for _, tt := range tests {
		u := &domain.User{OrganisationID: org, Role: tt.role, Active: true}
		if got := Can(u, ManageTokens, tt.res); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTokenCan(t *testing.T) {
	t.Parallel()
	now := time.Now()
	active := &domain.APIToken{OrganisationID: 1}
	revoked := &domain.APIToken{OrganisationID: 1, RevokedAt: &now}
	tests := []struct {
		name string
		tok  *domain.APIToken
		a    Action
		res  Resource
		want bool
	}{
		{"reads own org", active, Read, InOrganisation(1), true},
		{"reads a unit's item", active, Read, Resource{OrganisationID: 1, Units: []int64{3}}, true},
		{"not another org", active, Read, InOrganisation(2), false},
		{"never writes", active, EditLocal, InOrganisation(1), false},
		{"never comments", active, Comment, InOrganisation(1), false},
		{"revoked reads nothing", revoked, Read, InOrganisation(1), false},
		{"no token", nil, Read, InOrganisation(1), false},
	}
	for _, tt := range tests {
		if got := TokenCan(tt.tok, tt.a, tt.res); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNewSecret(t *testing.T) {
	t.Parallel()
	a, ha := NewSecret(APITokenPrefix)
	b, _ := NewSecret(APITokenPrefix)
	if a == b {
		t.Fatal("two secrets are equal")
	}
	if !strings.HasPrefix(a, APITokenPrefix) || len(a) < len(APITokenPrefix)+43 {
		t.Errorf("secret %q: want the prefix and 256 bits", a)
	}
	if !bytes.Equal(ha, HashSecret(a)) || len(ha) != 32 {
		t.Errorf("hash of %q is not its SHA-256", a)
	}
}

func TestBearerToken(t *testing.T) {
	t.Parallel()
	tests := []struct{ header, want string }{
		{"Bearer abc", "abc"},
		{"bearer  abc ", "abc"},
		{"Basic abc", ""},
		{"Bearer", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := BearerToken(tt.header); got != tt.want {
			t.Errorf("BearerToken(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}
