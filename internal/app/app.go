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
	"strconv"
	"strings"
	"time"

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
		return withServingStore(ctx, cfg, func(st *store.Store) error { return serve(ctx, cfg, st, log, stdout) })
	case "migrate":
		return withStore(ctx, cfg, func(st *store.Store) error { return migrate(ctx, st, rest, stdout) })
	case "seed":
		return withStore(ctx, cfg, func(st *store.Store) error { return seed(ctx, cfg, st, log, rest, stdout) })
	case "user":
		return withStore(ctx, cfg, func(st *store.Store) error { return user(ctx, st, rest, stdin, stdout) })
	case "sessions":
		return withStore(ctx, cfg, func(st *store.Store) error { return sessions(ctx, st, rest, stdout) })
	case "cache":
		return withStore(ctx, cfg, func(st *store.Store) error { return cacheCmd(ctx, st, rest, stdout) })
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
  seed [--demo-users] [--demo-activity] [--password-file FIL]
                            indlæs de to kildedokumenter (og demobrugerne; med --demo-activity
                            også et års demodata); intet indlæses to gange
  user add --email E --role R --org SLUG [--unit NAVN] [--name NAVN]
                            opret en bruger; adgangskoden læses fra standard input eller dannes og vises
  sessions clear            log alle ud (efter en gendannelse fra backup)
  cache reset               lad alle instanser bygge de gemte samlede skemaer igen (efter en
                            gendannelse fra backup eller rettelser direkte i databasen)
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
		fmt.Fprintf(w, "  %-27s %s. Standard: %s\n", v.Name, v.Help, def)
	}
	fmt.Fprintf(w, "\nRoller: %s\n", strings.Join([]string{"admin", "direktion", "fagchef", "omraadeleder", "laeser"}, ", "))
	return nil
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level)) // validated by config.Load
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

// withStore opens the database named by the configuration (DATABASE_MAX_CONNS connections),
// runs fn and closes it again. The commands (seed, bench-data, …) wait as long as they must.
func withStore(ctx context.Context, cfg config.Config, fn func(*store.Store) error) error {
	return withPool(ctx, cfg, 0, func(pool *pgxpool.Pool) error { return fn(store.New(pool)) })
}

// withServingStore is withStore for the web server: each statement is bounded by
// DATABASE_STATEMENT_TIMEOUT and each wait for a connection by DATABASE_ACQUIRE_TIMEOUT, so an
// exhausted pool or a blocked table answers 503 instead of hanging every request.
func withServingStore(ctx context.Context, cfg config.Config, fn func(*store.Store) error) error {
	return withPool(ctx, cfg, cfg.DatabaseStatementTimeout, func(pool *pgxpool.Pool) error {
		return fn(store.NewLimited(pool, cfg.DatabaseAcquireTimeout))
	})
}

// withPool opens the pool, checks that the database answers, runs fn and closes the pool after fn
// has returned. A positive statementTimeout becomes PostgreSQL's statement_timeout on every
// connection.
func withPool(ctx context.Context, cfg config.Config, statementTimeout time.Duration, fn func(*pgxpool.Pool) error) error {
	if err := cfg.RequireDatabase(); err != nil {
		return err
	}
	pcfg, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	pcfg.MaxConns = cfg.DatabaseMaxConns
	if statementTimeout > 0 {
		pcfg.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(statementTimeout.Milliseconds(), 10)
	}
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer pool.Close()
	if err := pool.Ping(ctx); err != nil {
		return fmt.Errorf("database %s svarer ikke: %w", pcfg.ConnConfig.Host, err)
	}
	return fn(pool)
}
