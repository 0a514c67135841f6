// Package app wires Sporbar together: it reads the configuration, opens the database and runs
// one of the subcommands (serve, migrate, seed, user, version, help).
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/store"
)

// version is set at build time with -ldflags "-X github.com/sporbar/sporbar/internal/app.version=…".
var version = "dev"

// errUsage marks a command line that could not be understood.
var errUsage = errors.New("forkert brug; se `sporbar help`")

// Run runs the subcommand named in args[1] (serve when none is given) until it finishes or
// ctx is cancelled. Output meant for the person at the terminal goes to stdout; logs go to stderr.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	cmd, rest := "serve", []string(nil)
	if len(args) > 1 {
		cmd, rest = args[1], args[2:]
	}
	switch cmd {
	case "help", "-h", "--help":
		return help(stdout)
	case "version":
		fmt.Fprintln(stdout, "sporbar", version)
		return nil
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return fmt.Errorf("konfiguration: %w", err)
	}
	log := newLogger(cfg.LogLevel)
	switch cmd {
	case "serve":
		return withStore(ctx, cfg, func(st *store.Store) error { return serve(ctx, cfg, st, log, stdout) })
	case "migrate":
		return withStore(ctx, cfg, func(st *store.Store) error { return migrate(ctx, st, rest, stdout) })
	case "seed":
		return withStore(ctx, cfg, func(st *store.Store) error { return seed(ctx, cfg, st, log, rest, stdout) })
	case "user":
		return withStore(ctx, cfg, func(st *store.Store) error { return user(ctx, st, rest, stdin, stdout) })
	case "sso":
		return withStore(ctx, cfg, func(st *store.Store) error { return ssoCommand(ctx, cfg, st, rest, stdin, stdout) })
	case "bench-data":
		return withStore(ctx, cfg, func(st *store.Store) error { return benchData(ctx, st, log, rest, stdout) })
	}
	return fmt.Errorf("ukendt kommando %q: %w", cmd, errUsage)
}

func help(w io.Writer) error {
	fmt.Fprint(w, `Sporbar – fra politik til handling.

Brug: sporbar [kommando]

Kommandoer:
  serve                     start webserveren (standard); migrerer databasen, hvis den er bagud
  migrate up|down|status    anvend, rul den seneste tilbage, eller vis migreringerne
  seed [--demo-users] [--password-file FIL]
                            indlæs de to kildedokumenter (og demobrugerne); intet indlæses to gange
  user add --email E --role R --org SLUG [--unit NAVN] [--name NAVN]
                            opret en bruger; adgangskoden læses fra standard input eller dannes og vises
  sso list|add|map --org SLUG …
                            organisationens identitetsudbydere: vis; opret (--kind oidc|saml --slug S --name N
                            --issuer URL --client-id ID med hemmeligheden på standard input, eller --metadata-url URL);
                            knyt en værdi i et krav til en rolle (--method S --value V --role R [--unit NAVN])
  bench-data [--seed N] [--organisations N]
                            skriv det nationale benchmark-datasæt i en tom database
  version                   vis versionen
  help                      vis denne hjælp

Miljøvariabler:
`)
	for _, v := range config.Vars() {
		def := v.Default
		if def == "" {
			def = "(ingen)"
		}
		fmt.Fprintf(w, "  %-22s %s. Standard: %s\n", v.Name, v.Help, def)
	}
	fmt.Fprintf(w, "\nRoller: %s\n", strings.Join([]string{"admin", "direktion", "fagchef", "omraadeleder", "laeser"}, ", "))
	return nil
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level)) // validated by config.Load
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

// withStore opens the database named by the configuration, runs fn and closes it again.
func withStore(ctx context.Context, cfg config.Config, fn func(*store.Store) error) error {
	if err := cfg.RequireDatabase(); err != nil {
		return err
	}
	pcfg, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer pool.Close()
	if err := pool.Ping(ctx); err != nil {
		return fmt.Errorf("database %s svarer ikke: %w", pcfg.ConnConfig.Host, err)
	}
	return fn(store.New(pool))
}
