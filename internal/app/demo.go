package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// demoUser is one demo login: a role in Ringkøbing-Skjern Kommune, in a unit where the role needs one.
type demoUser struct {
	Email, Name, Role, Unit string
}

func demoUsers() []demoUser {
	return []demoUser{
		{"admin@sporbar.local", "Anna Admin", domain.RoleAdmin, ""},
		{"direktion@sporbar.local", "Dorte Direktør", domain.RoleDirektion, "Direktion"},
		{"fagchef@sporbar.local", "Frederik Fagchef", domain.RoleFagchef, "Sundhed og Omsorg"},
		{"omraadeleder@sporbar.local", "Olivia Områdeleder", domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning"},
		{"laeser@sporbar.local", "Lars Læser", domain.RoleLaeser, ""},
	}
}

// demoOrganisation is the organisation the demo users belong to.
const demoOrganisation = "ringkobing-skjern"

// createDemoUsers creates the demo users that do not exist yet, all with password, and returns
// the e-mail addresses it created. Existing users are left as they are.
func createDemoUsers(ctx context.Context, st *store.Store, password string) ([]string, error) {
	org, err := st.GetOrganisationBySlug(ctx, demoOrganisation)
	if err != nil {
		return nil, fmt.Errorf("demo users: %w", err)
	}
	hash, err := auth.HashPassword(password, auth.DefaultParams())
	if err != nil {
		return nil, err
	}
	var created []string
	err = st.InTx(ctx, func(tx *store.Store) error {
		for _, d := range demoUsers() {
			if _, err := tx.GetUserByEmail(ctx, d.Email); err == nil {
				continue
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
			u := domain.User{OrganisationID: org.ID, Email: d.Email, Name: d.Name, Role: d.Role,
				PasswordHash: hash, Active: true}
			if d.Unit != "" {
				unit, err := tx.GetUnitByName(ctx, org.ID, d.Unit)
				if err != nil {
					return fmt.Errorf("demo user %s: unit %q: %w", d.Email, d.Unit, err)
				}
				u.UnitID = &unit.ID
			}
			if _, err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
			created = append(created, d.Email)
		}
		return nil
	})
	return created, err
}
