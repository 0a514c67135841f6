package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// user runs `user add`, which creates a user such as the first admin of an installation.
func user(ctx context.Context, st *store.Store, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("user kræver add: %w", errUsage)
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stdout)
	email := fs.String("email", "", "e-mailadresse")
	role := fs.String("role", "", "rolle: admin, direktion, fagchef, omraadeleder eller laeser")
	orgSlug := fs.String("org", "", "organisationens kortnavn, fx ringkobing-skjern")
	unitName := fs.String("unit", "", "enhedens navn (påkrævet for fagchef og områdeleder)")
	name := fs.String("name", "", "navn (standard: e-mailadressen)")
	if err := fs.Parse(args[1:]); err != nil {
		return errUsage
	}
	if *email == "" || *role == "" || *orgSlug == "" {
		return fmt.Errorf("--email, --role og --org er påkrævet: %w", errUsage)
	}
	if !domain.ValidRole(*role) {
		return fmt.Errorf("ukendt rolle %q: %w", *role, errUsage)
	}
	org, err := st.GetOrganisationBySlug(ctx, *orgSlug)
	if err != nil {
		return fmt.Errorf("organisation %q: %w", *orgSlug, err)
	}
	u := domain.User{OrganisationID: org.ID, Email: strings.ToLower(strings.TrimSpace(*email)), Role: *role, Active: true, Name: *name}
	if u.Name == "" {
		u.Name = u.Email
	}
	if *unitName != "" {
		unit, err := st.GetUnitByName(ctx, org.ID, *unitName)
		if err != nil {
			return fmt.Errorf("enhed %q: %w", *unitName, err)
		}
		u.UnitID = &unit.ID
	} else if *role == domain.RoleFagchef || *role == domain.RoleOmraadeleder {
		return fmt.Errorf("en %s skal have en enhed (--unit): %w", *role, errUsage)
	}
	password, generated, err := readPassword(stdin)
	if err != nil {
		return err
	}
	if u.PasswordHash, err = auth.HashPassword(password, auth.DefaultParams()); err != nil {
		return err
	}
	if _, err := st.CreateUser(ctx, u); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("der findes allerede en bruger med e-mailadressen %s", u.Email)
		}
		return err
	}
	fmt.Fprintf(stdout, "Oprettet: %s (%s) i %s\n", u.Email, auth.RoleName(u.Role), org.Name)
	if generated {
		fmt.Fprintf(stdout, "Adgangskode (vises kun denne ene gang): %s\n", password)
	}
	return nil
}

// readPassword reads one line from stdin; when stdin is a terminal or empty it generates a password.
func readPassword(stdin io.Reader) (pw string, generated bool, err error) {
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			stdin = nil
		}
	}
	if stdin != nil {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, fmt.Errorf("read password: %w", err)
		}
		if line = strings.TrimRight(line, "\r\n"); line != "" {
			if msg := auth.ValidatePassword(line); msg != "" {
				return "", false, errors.New(msg)
			}
			return line, false, nil
		}
	}
	return auth.GeneratePassword(), true, nil
}
