package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/internal/server"
	"github.com/sporbar/sporbar/internal/store"
)

// serve migrates the database if it is behind and serves HTTP until ctx is cancelled; then it
// lets requests in flight finish (up to 10 seconds).
func serve(ctx context.Context, cfg config.Config, st *store.Store, log *slog.Logger, stdout io.Writer) error {
	if err := store.MigrateIfBehind(ctx, st.Pool(), log); err != nil {
		return err
	}
	mailer, err := startMail(ctx, cfg, st, log)
	if err != nil {
		return err
	}
	defer stopMail(mailer, log)
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           server.New(cfg, st, log).WithNotifier(mailer).Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	log.Info("serving", "addr", ln.Addr().String(), "version", version)
	fmt.Fprintf(stdout, "Sporbar kører på %s (Ctrl-C stopper)\n", cfg.BaseURL)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

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

// seed loads the two source documents (each only once) and, with --demo-users, the demo users.
func seed(ctx context.Context, cfg config.Config, st *store.Store, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stdout)
	withUsers := fs.Bool("demo-users", false, "opret også demobrugerne")
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
	if !*withUsers {
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
