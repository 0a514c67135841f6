package auth

import (
	"slices"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
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
	ManageTokens                // the organisation's API tokens for the read API
	Remind                      // send an område's leaders a reminder by e-mail ("Send påmindelse")
	Publish                     // show an initiative on the organisation's public page, or take it off
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
// admin edits the hierarchy, units, terms, users and API tokens; a læser only reads. What the public page
// shows of an initiative is decided by an admin or the fagchef of its fagområde (Publish).
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
	case EditHierarchy, ManageUsers, ManageTokens:
		return u.Role == domain.RoleAdmin
	case Publish:
		return u.Role == domain.RoleAdmin || (u.Role == domain.RoleFagchef && inScope)
	}
	return false
}

// MayPublishComment decides whether u may show a comment written by authorID on the item res
// on the public page, or take it off: its author, while they may comment on the item, or
// whoever may Publish the item (an admin, the fagchef of the fagområde).
func MayPublishComment(u *domain.User, authorID int64, res Resource) bool {
	return Can(u, Publish, res) || (u != nil && u.ID == authorID && Can(u, Comment, res))
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
	case ManageTokens:
		return "manage-tokens"
	case Remind:
		return "remind"
	case Publish:
		return "publish"
	}
	return "unknown"
}

// The sign-in policy. Sporbar never locks an account: a stranger who knows someone's e-mail
// address must not be able to keep them out. Instead every attempt — at /login and at the
// current-password check on Min profil — is counted on three keys at once, in one statement
// (store.AttemptSignIn), and refused with 429 and Retry-After while any key asks for a wait.
// Each key lets its first free failures through at once; after that an attempt must wait 1 s,
// 2 s, 4 s … (doubling with each failure, refused ones included) after the last attempt it let
// through, up to the key's most:
//
//   - the address (AddressFreeFailures, AddressMaxDelay): every attempt from one client
//     address, whatever the account. An office behind one address has room for many typing
//     errors; an address that keeps failing waits longer and longer, and only that address.
//   - the account at that address (AccountAtAddressFreeFailures, AccountAtAddressMaxDelay):
//     a few free guesses, then the doubling wait. This is what stops a guesser at one address.
//   - the account everywhere (AccountFreeFailures, AccountMaxDelay): counted only for attempts
//     the first two keys let through, so one hammering address adds only the few its own keys
//     allow; it slows guessing spread over many addresses, and never by more than
//     AccountMaxDelay, so it cannot keep the right person out.
//
// So the right person signs in from their own address at once while someone hammers their
// account from another; at the hammered address they wait at most AddressMaxDelay (or
// AccountAtAddressMaxDelay if their own account was guessed from there). An attempt is counted
// before its password is checked; the right password then forgets the account's failures
// (everywhere and at that address) and takes its own count back from the address, so people
// who type right never slow their office. A key is forgotten ThrottleForget after the last
// attempt it let through. The organisation's admin can forget an account's failures at once
// ("Nulstil log ind-forsøg" on the user's page); the address's count, shared by everyone
// behind it, stays.
const (
	AddressFreeFailures          = 30
	AddressMaxDelay              = 5 * time.Minute
	AccountAtAddressFreeFailures = 3
	AccountAtAddressMaxDelay     = 15 * time.Minute
	AccountFreeFailures          = 50
	AccountMaxDelay              = 30 * time.Second
	ThrottleForget               = time.Hour
)

// signInRules are the keys an attempt for email from address is counted on: gate is decided
// first, then only when gate lets the attempt through (see the policy above).
func signInRules(email, address string) (gate, then []store.ThrottleRule) {
	account := normalEmail(email)
	gate = []store.ThrottleRule{
		{Key: "addr:" + address, Free: AddressFreeFailures, MaxDelay: AddressMaxDelay},
		{Key: "acct:" + account + " addr:" + address, Account: account, Free: AccountAtAddressFreeFailures,
			MaxDelay: AccountAtAddressMaxDelay},
	}
	then = []store.ThrottleRule{{Key: "acct:" + account, Account: account, Free: AccountFreeFailures, MaxDelay: AccountMaxDelay}}
	return gate, then
}
