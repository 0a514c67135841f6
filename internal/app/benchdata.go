package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/benchdata"
	"github.com/sporbar/sporbar/internal/store"
)

// benchData runs `bench-data`: the national benchmark data set in a fresh database.
func benchData(ctx context.Context, st *store.Store, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench-data", flag.ContinueOnError)
	fs.SetOutput(stdout)
	seed := fs.Uint64("seed", 1, "the same seed gives the same data")
	orgs := fs.Int("organisations", 103, "how many organisations (the last five are regions)")
	password := fs.String("password", "bench-adgangskode", "every user's password")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if err := store.MigrateIfBehind(ctx, st.Pool(), log); err != nil {
		return err
	}
	hash, err := auth.HashPassword(*password, auth.DefaultParams())
	if err != nil {
		return err
	}
	start := time.Now()
	sum, err := benchdata.Generate(ctx, st.Pool(), benchdata.Options{Seed: *seed, Organisations: *orgs,
		PasswordHash: hash, Log: stdout})
	if err != nil {
		return err
	}
	names := make([]string, 0, len(sum))
	for n := range sum {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(stdout, "\nNationalt datasæt (seed %d) skrevet på %s:\n", *seed, time.Since(start).Round(time.Second))
	for _, n := range names {
		fmt.Fprintf(stdout, "  %-22s %9d\n", n, sum[n])
	}
	fmt.Fprintf(stdout, "Alle brugere har adgangskoden %q, fx fagchef1@bench-kommune-001.bench.\n", *password)
	return nil
}
