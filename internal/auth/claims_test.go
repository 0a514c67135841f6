package auth

import (
	"testing"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestGrantFromClaims(t *testing.T) {
	unit := func(id int64) *int64 { return &id }
	ext := "uuid-hjemmepleje"
	units := []domain.UnitRef{{ID: 7, Name: "Hjemmepleje"}, {ID: 9, Name: "Sundhed", ExternalID: &ext}}
	m := domain.SignInMethod{RoleClaim: "roles", UnitClaim: "unit"}
	maps := []domain.SignInMapping{
		{ClaimValue: "admins", Role: domain.RoleAdmin},
		{ClaimValue: "chefer", Role: domain.RoleFagchef, UnitID: unit(7)},
		{ClaimValue: "ledere", Role: domain.RoleOmraadeleder},
		{ClaimValue: "alle", Role: domain.RoleLaeser},
	}
	tests := []struct {
		name     string
		values   map[string][]string
		wantRole string
		wantUnit *int64
	}{
		{"no claims", nil, "", nil},
		{"an unmapped value", map[string][]string{"roles": {"kantine"}}, "", nil},
		{"the first mapping by position wins", map[string][]string{"roles": {"alle", "admins"}}, domain.RoleAdmin, nil},
		{"the mapping's unit", map[string][]string{"roles": {"chefer"}, "unit": {"uuid-hjemmepleje"}}, domain.RoleFagchef, unit(7)},
		{"the unit from the unit claim", map[string][]string{"roles": {"ledere"}, "unit": {"uuid-hjemmepleje"}}, domain.RoleOmraadeleder, unit(9)},
		{"a role that needs a unit without one", map[string][]string{"roles": {"ledere"}, "unit": {"ukendt"}}, "", nil},
		{"the values of another claim do not count", map[string][]string{"groups": {"admins"}}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GrantFromClaims(m, maps, units, domain.Claims{Subject: "s", Values: tt.values})
			if got.Role != tt.wantRole || (got.UnitID == nil) != (tt.wantUnit == nil) || (got.UnitID != nil && *got.UnitID != *tt.wantUnit) {
				t.Errorf("got %q in %v, want %q in %v", got.Role, got.UnitID, tt.wantRole, tt.wantUnit)
			}
			if got.Role == "" && got.Reason == "" {
				t.Error("no role and no reason")
			}
		})
	}
}
