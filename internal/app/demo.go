package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/demo"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// demoUser is one demo login: a role in an organisation (by slug), in a unit where the role
// needs one.
type demoUser struct {
	Email, Name, Role, Unit, Org string
}

// The organisations of the demo users, by slug, with the names the seed output shows.
const (
	demoKommune = "ringkobing-skjern"
	demoRegion  = "region-midtjylland"
)

// demoOrganisations are the demo users' organisations in the order they are listed.
var demoOrganisations = []struct{ Slug, Name string }{
	{demoKommune, "Ringkøbing-Skjern Kommune"},
	{demoRegion, "Region Midtjylland"},
}

func demoUsers() []demoUser {
	return []demoUser{
		{"admin@sporbar.local", "Anna Admin", domain.RoleAdmin, "", demoKommune},
		{"direktion@sporbar.local", "Dorte Direktør", domain.RoleDirektion, "Direktion", demoKommune},
		{"fagchef@sporbar.local", "Frederik Fagchef", domain.RoleFagchef, "Sundhed og Omsorg", demoKommune},
		{"omraadeleder@sporbar.local", "Olivia Områdeleder", domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning", demoKommune},
		{"laeser@sporbar.local", "Lars Læser", domain.RoleLaeser, "", demoKommune},
		{"fagchef.region@sporbar.local", "Rikke Regionsfagchef", domain.RoleFagchef, "Socialområdet", demoRegion},
	}
}

// writeDemoUsers lists the demo users per organisation: e-mail address, role and unit.
func writeDemoUsers(w io.Writer) {
	fmt.Fprintln(w, "\nDemobrugere:")
	for _, o := range demoOrganisations {
		fmt.Fprintf(w, "  %s\n", o.Name)
		for _, d := range demoUsers() {
			if d.Org != o.Slug {
				continue
			}
			role := strings.ToLower(auth.RoleName(d.Role))
			if d.Unit != "" && d.Role != domain.RoleDirektion {
				role += ", " + d.Unit
			}
			fmt.Fprintf(w, "    %-30s %s\n", d.Email, role)
		}
	}
}

// createDemoUsers creates the demo users that do not exist yet, all with password, and returns
// the e-mail addresses it created. Existing users are left as they are.
func createDemoUsers(ctx context.Context, st *store.Store, password string) ([]string, error) {
	orgs := map[string]int64{}
	for _, o := range demoOrganisations {
		org, err := st.GetOrganisationBySlug(ctx, o.Slug)
		if err != nil {
			return nil, fmt.Errorf("demo users: %s: %w", o.Slug, err)
		}
		orgs[o.Slug] = org.ID
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
			u := domain.User{OrganisationID: orgs[d.Org], Email: d.Email, Name: d.Name, Role: d.Role,
				PasswordHash: hash, Active: true}
			if d.Unit != "" {
				unit, err := tx.GetUnitByName(ctx, u.OrganisationID, d.Unit)
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

// seedDemoActivity gives each demo organisation its year of demo activity, once.
func seedDemoActivity(ctx context.Context, st *store.Store, stdout io.Writer) error {
	orgs := []demo.Org{
		{Slug: demoKommune, Fagchef: "fagchef@sporbar.local", Leader: "omraadeleder@sporbar.local"},
		{Slug: demoRegion, Fagchef: "fagchef.region@sporbar.local"},
	}
	today := demo.Today(time.Now())
	for i, o := range orgs {
		wrote, err := demo.Activity(ctx, st, o, today)
		if err != nil {
			return err
		}
		if wrote {
			fmt.Fprintf(stdout, "Demoaktivitet indlæst: %s\n", demoOrganisations[i].Name)
		} else {
			fmt.Fprintf(stdout, "Demoaktiviteten var allerede indlæst: %s\n", demoOrganisations[i].Name)
		}
	}
	return nil
}
