package ssotest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"text/tabwriter"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
)

// RunDev is cmd/devidp: it starts the test OP and SAML IdP with DemoPeople on fixed loopback
// ports, gives the organisation in DATABASE_URL its two test methods (Setup, under BASE_URL),
// prints the people, and then runs the command after "--" (e.g. bin/sporbar serve) until it
// ends, or waits for ctx without one. The IdPs stop last.
func RunDev(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("devidp", flag.ContinueOnError)
	opAddr := fs.String("op", "127.0.0.1:9998", "the OpenID Provider's address (loopback)")
	samlAddr := fs.String("saml", "127.0.0.1:9997", "the SAML IdP's address (loopback)")
	org := fs.String("org", "ringkobing-skjern", "the organisation that gets the test methods")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, a := range []string{*opAddr, *samlAddr} {
		if !strings.HasPrefix(a, "127.0.0.1:") && !strings.HasPrefix(a, "localhost:") {
			return fmt.Errorf("devidp: %s is not a loopback address", a)
		}
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	if err := cfg.RequireDatabase(); err != nil {
		return err
	}
	op, idp, err := StartDemo(*opAddr, *samlAddr, cfg.BaseURL, *org)
	if err != nil {
		return err
	}
	defer op.Close()
	defer idp.Close()
	if err := setupDev(ctx, cfg, *org, op, idp); err != nil {
		return err
	}
	printDemo(stdout, cfg.BaseURL, *org, op, idp)
	if fs.NArg() == 0 {
		<-ctx.Done()
		return nil
	}
	return runChild(ctx, fs.Args(), stdout)
}

func setupDev(ctx context.Context, cfg config.Config, org string, op *OP, idp *SAMLIdP) error {
	pool, err := pgxpool.New(ctx, cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("devidp: %w", err)
	}
	defer pool.Close()
	sealer, err := sso.NewSealer(cfg.SSOSecretKey)
	if err != nil {
		return err
	}
	if _, err := store.MigrateUp(ctx, pool); err != nil {
		return fmt.Errorf("devidp: %w", err)
	}
	return Setup(ctx, store.New(pool), sealer, cfg.BaseURL, org, op, idp)
}

func printDemo(w io.Writer, baseURL, org string, op *OP, idp *SAMLIdP) {
	fmt.Fprintf(w, "\nTest-identitetsudbydere: OpenID Connect %s, SAML %s\n", op.Issuer, idp.MetadataURL)
	fmt.Fprintf(w, "Log ind på %s/login/%s med en af dem (adgangskode %s):\n\n", baseURL, org, DemoPassword)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Bruger\tNavn\tGrupper i kataloget")
	for _, p := range DemoPeople() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", p.Username, p.Name, strings.Join(p.Roles, ", "))
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// runChild runs argv; when ctx ends (Ctrl-C, which the terminal also gives the child) it asks
// the child to stop and waits for it.
func runChild(ctx context.Context, argv []string, stdout io.Writer) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("devidp: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
			return err
		}
		return <-done
	}
}
