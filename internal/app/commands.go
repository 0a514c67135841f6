package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/internal/store"
)

// migrate runs `migrate up|down|status`.
func migrate(ctx context.Context, st *store.Store, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("migrate kræver up, down eller status: %w", errUsage)
	}
	switch args[0] {
	case "up":
		n, err := store.MigrateUp(ctx, st.Pool())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d migrering(er) anvendt\n", n)
		return nil
	case "down":
		if err := store.MigrateDown(ctx, st.Pool()); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "den seneste migrering er rullet tilbage")
		return nil
	case "status":
		return store.MigrationStatus(ctx, st.Pool(), stdout)
	}
	return fmt.Errorf("ukendt migrate-kommando %q: %w", args[0], errUsage)
}

// seed loads the two source documents (each only once) and, with --demo-users, the demo users;
// with --demo-activity also the demo users and a year of demo activity (internal/demo).
func seed(ctx context.Context, cfg config.Config, st *store.Store, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stdout)
	withUsers := fs.Bool("demo-users", false, "opret også demobrugerne")
	withActivity := fs.Bool("demo-activity", false, "giv også organisationerne et års demoaktivitet (og demobrugerne)")
	pwFile := fs.String("password-file", "", "fil med demobrugernes adgangskode; dannes, hvis den ikke findes")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if err := store.MigrateIfBehind(ctx, st.Pool(), log); err != nil {
		return err
	}
	loaded, err := importer.LoadSeeds(ctx, st)
	if err != nil {
		return err
	}
	for _, name := range loaded {
		fmt.Fprintf(stdout, "Indlæst: %s\n", name)
	}
	if len(loaded) == 0 {
		fmt.Fprintln(stdout, "Kildedokumenterne var allerede indlæst.")
	}
	if !*withUsers && !*withActivity {
		return nil
	}
	password, err := demoPassword(cfg.DemoPassword, *pwFile)
	if err != nil {
		return err
	}
	created, err := createDemoUsers(ctx, st, password)
	if err != nil {
		return err
	}
	writeDemoUsers(stdout)
	switch {
	case len(created) > 0:
		fmt.Fprintf(stdout, "Adgangskode: %s\n", password)
	case *pwFile != "" || cfg.DemoPassword != "":
		fmt.Fprintf(stdout, "Adgangskode: %s (brugerne fandtes allerede; deres adgangskode er ikke ændret)\n", password)
	default:
		fmt.Fprintln(stdout, "Brugerne fandtes allerede; deres adgangskode er den, der blev vist første gang.")
	}
	if *withActivity {
		return seedDemoActivity(ctx, st, stdout)
	}
	return nil
}

// demoPassword returns the configured demo password, else the one in file (creating the file
// with a new password when it does not exist), else a new one.
func demoPassword(configured, file string) (string, error) {
	if configured != "" {
		if msg := auth.ValidatePassword(configured); msg != "" {
			return "", fmt.Errorf("SPORBAR_DEMO_PASSWORD: %s", msg)
		}
		return configured, nil
	}
	if file == "" {
		return auth.GeneratePassword(), nil
	}
	b, err := os.ReadFile(file)
	if err == nil && strings.TrimSpace(string(b)) != "" {
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("read %s: %w", file, err)
	}
	pw := auth.GeneratePassword()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", fmt.Errorf("demo password: %w", err)
	}
	if err := os.WriteFile(file, []byte(pw+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("demo password: %w", err)
	}
	return pw, nil
}
