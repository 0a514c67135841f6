package auth

import (
	"testing"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestCan(t *testing.T) {
	t.Parallel()
	const org, other = 1, 2
	// Units: 10 Direktion → 20 Sundhed og Omsorg → 30 Hjemmepleje, 31 Myndighed.
	hjemmepleje := Resource{OrganisationID: org, Units: []int64{30, 20, 10}}
	myndighed := Resource{OrganisationID: org, Units: []int64{31, 20, 10}}
	fagomraade := Resource{OrganisationID: org, Units: []int64{20, 10}}
	whole := InOrganisation(org)
	abroad := Resource{OrganisationID: other, Units: []int64{30, 20, 10}}
	unit := func(id int64) *int64 { return &id }
	user := func(role string, u *int64) *domain.User {
		return &domain.User{OrganisationID: org, Role: role, UnitID: u, Active: true}
	}
	admin := user(domain.RoleAdmin, nil)
	direktion := user(domain.RoleDirektion, unit(10))
	fagchef := user(domain.RoleFagchef, unit(20))
	leder := user(domain.RoleOmraadeleder, unit(30))
	laeser := user(domain.RoleLaeser, nil)
	inactive := user(domain.RoleFagchef, unit(20))
	inactive.Active = false

	tests := []struct {
		name string
		u    *domain.User
		a    Action
		res  Resource
		want bool
	}{
		{"nobody reads", nil, Read, whole, false},
		{"læser reads own org", laeser, Read, hjemmepleje, true},
		{"læser reads nothing abroad", laeser, Read, abroad, false},
		{"læser does not comment", laeser, Comment, hjemmepleje, false},
		{"læser does not edit", laeser, EditLocal, hjemmepleje, false},
		{"inactive reads nothing", inactive, Read, whole, false},
		{"områdeleder edits own område", leder, EditLocal, hjemmepleje, true},
		{"områdeleder not another område", leder, EditLocal, myndighed, false},
		{"områdeleder not general", leder, EditGeneral, fagomraade, false},
		{"områdeleder not abroad", leder, EditLocal, abroad, false},
		{"områdeleder comments own", leder, Comment, hjemmepleje, true},
		{"områdeleder not approve", leder, Approve, hjemmepleje, false},
		{"fagchef edits every område", fagchef, EditLocal, myndighed, true},
		{"fagchef edits general", fagchef, EditGeneral, fagomraade, true},
		{"fagchef approves", fagchef, Approve, hjemmepleje, true},
		{"fagchef not hierarchy", fagchef, EditHierarchy, whole, false},
		{"fagchef not users", fagchef, ManageUsers, whole, false},
		{"direktion reads", direktion, Read, hjemmepleje, true},
		{"direktion comments everywhere", direktion, Comment, myndighed, true},
		{"direktion does not edit", direktion, EditLocal, hjemmepleje, false},
		{"admin edits hierarchy", admin, EditHierarchy, whole, true},
		{"admin edits general", admin, EditGeneral, fagomraade, true},
		{"admin manages users", admin, ManageUsers, whole, true},
		{"admin not local", admin, EditLocal, hjemmepleje, false},
		{"admin not abroad", admin, EditHierarchy, InOrganisation(other), false},
	}
	for _, tt := range tests {
		if got := Can(tt.u, tt.a, tt.res); got != tt.want {
			t.Errorf("%s: Can(%v) = %v, want %v", tt.name, tt.a, got, tt.want)
		}
	}
}
