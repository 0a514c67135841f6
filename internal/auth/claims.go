package auth

import (
	"slices"

	"github.com/sporbar/sporbar/internal/domain"
)

// Grant is what an identity provider's claims give a person in Sporbar. Role "" means none;
// Reason then says why, in Danish, for the admin's test view (never shown to the person).
type Grant struct {
	Role     string
	UnitID   *int64
	UnitName string
	Matched  string // the claim value that decided the role
	Reason   string
}

// GrantFromClaims is the one rule that turns claims into a role and a unit: the first mapping
// (by position) whose value is among the method's role claim's values decides the role; the
// unit is the mapping's, or else the unit whose external id is the unit claim's value. A role
// that needs a unit (fagchef, områdeleder) without one gives nothing.
func GrantFromClaims(m domain.SignInMethod, maps []domain.SignInMapping, units []domain.UnitRef, c domain.Claims) Grant {
	values := c.Values[m.RoleClaim]
	for _, mp := range maps {
		if !slices.Contains(values, mp.ClaimValue) {
			continue
		}
		g := Grant{Role: mp.Role, UnitID: mp.UnitID, Matched: mp.ClaimValue}
		if g.UnitID == nil && m.UnitClaim != "" {
			g.UnitID = unitByExternalID(units, c.Values[m.UnitClaim])
		}
		for _, u := range units {
			if g.UnitID != nil && u.ID == *g.UnitID {
				g.UnitName = u.Name
			}
		}
		if g.UnitID == nil && needsUnit(g.Role) {
			return Grant{Matched: mp.ClaimValue,
				Reason: "Rollen " + domain.RoleLabel(mp.Role) + " kræver en enhed, og hverken tilknytningen eller kravene angiver en kendt enhed."}
		}
		return g
	}
	if len(values) == 0 {
		return Grant{Reason: "Kravene indeholder ingen værdier i " + quote(m.RoleClaim) + "."}
	}
	return Grant{Reason: "Ingen af værdierne i " + quote(m.RoleClaim) + " er knyttet til en rolle."}
}

func unitByExternalID(units []domain.UnitRef, values []string) *int64 {
	for _, v := range values {
		for _, u := range units {
			if u.ExternalID != nil && *u.ExternalID == v {
				return &u.ID
			}
		}
	}
	return nil
}

func needsUnit(role string) bool {
	return role == domain.RoleFagchef || role == domain.RoleOmraadeleder
}

func quote(s string) string { return "«" + s + "»" }
