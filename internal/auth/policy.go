package auth

import (
	"slices"

	"github.com/sporbar/sporbar/internal/domain"
)

// Action is something a person may or may not do to a resource.
type Action int

// The actions Sporbar decides on.
const (
	Read          Action = iota // see the item
	Comment                     // write in the item's dialogue
	EditLocal                   // local initiatives, action plans and status updates in a unit
	EditGeneral                 // general initiatives of a fagområde's strategy
	Approve                     // approve an område's agreement
	EditHierarchy               // policies … general initiatives, units, terms, the ladder
	ManageUsers                 // the organisation's users
	Remind                      // send an område's leaders a reminder by e-mail ("Send påmindelse")
)

// Resource is what an action is done to: the organisation it belongs to and, for items that
// belong to a unit, that unit followed by every unit above it.
type Resource struct {
	OrganisationID int64
	Units          []int64
}

// InOrganisation is a resource of the organisation as a whole.
func InOrganisation(orgID int64) Resource { return Resource{OrganisationID: orgID} }

// Can decides whether u may do a to res. It is the one place the rules of DOMAIN.md live:
// everyone reads everything in their own organisation and nothing in another; an områdeleder
// changes local initiatives, action plans and status in their own område only; a fagchef
// changes everything in their fagområde, general initiatives included, and approves the
// områdernes aftaler; the direktion reads and comments everywhere in the organisation; an
// admin edits the hierarchy, units, terms and users; a læser only reads.
func Can(u *domain.User, a Action, res Resource) bool {
	if u == nil || !u.Active || u.OrganisationID != res.OrganisationID {
		return false
	}
	inScope := u.UnitID != nil && slices.Contains(res.Units, *u.UnitID)
	switch a {
	case Read:
		return true
	case Comment:
		switch u.Role {
		case domain.RoleDirektion, domain.RoleAdmin:
			return true
		case domain.RoleFagchef, domain.RoleOmraadeleder:
			return inScope
		}
	case EditLocal:
		return (u.Role == domain.RoleFagchef || u.Role == domain.RoleOmraadeleder) && inScope
	case EditGeneral:
		return u.Role == domain.RoleAdmin || (u.Role == domain.RoleFagchef && inScope)
	case Approve, Remind:
		return u.Role == domain.RoleFagchef && inScope
	case EditHierarchy, ManageUsers:
		return u.Role == domain.RoleAdmin
	}
	return false
}

// String names the action in logs.
func (a Action) String() string {
	switch a {
	case Read:
		return "read"
	case Comment:
		return "comment"
	case EditLocal:
		return "edit-local"
	case EditGeneral:
		return "edit-general"
	case Approve:
		return "approve"
	case EditHierarchy:
		return "edit-hierarchy"
	case ManageUsers:
		return "manage-users"
	case Remind:
		return "remind"
	}
	return "unknown"
}
