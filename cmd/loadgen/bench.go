package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
	_ "time/tzdata" // the server's "today" is Danish; know it even without a time zone database

	"github.com/sporbar/sporbar/internal/bench"
)

// runBench is `loadgen bench`: the benchmark of issue 10 against DATABASE_URL.
func runBench(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadgen bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := bench.Config{Log: stdout}
	fs.StringVar(&cfg.Server, "server", "bin/sporbar", "the Sporbar `binary` to start")
	fs.StringVar(&cfg.Password, "password", "bench-adgangskode", "the bench users' password")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "the seed the data was generated with (recorded in the report)")
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Second, "each fixed-rate run")
	fs.DurationVar(&cfg.Capacity, "capacity", 5*time.Second, "each closed-loop capacity run")
	fs.DurationVar(&cfg.Step, "step", 8*time.Second, "each rate of the dashboard's knee search")
	fs.Float64Var(&cfg.MaxKnee, "max-knee", 3000, "the knee search stops after this rate")
	jsonPath := fs.String("json", "docs/benchmarks/results.json", "where to write the results (empty: nowhere)")
	mdPath := fs.String("md", "docs/benchmarks.md", "the Markdown file whose results section is replaced (empty: none)")
	serverLog := fs.String("server-log", ".data/bench-server.log", "where the server's output goes")
	fs.Func("env", "extra `NAME=value` for the server's environment (repeatable), e.g. DATABASE_MAX_CONNS=8", func(s string) error {
		cfg.ServerEnv = append(cfg.ServerEnv, s)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if cfg.DatabaseURL = getenv("DATABASE_URL"); cfg.DatabaseURL == "" {
		return errors.New("DATABASE_URL is not set (make bench sets it)")
	}
	if err := os.MkdirAll(filepath.Dir(*serverLog), 0o755); err != nil {
		return err
	}
	logf, err := os.Create(*serverLog)
	if err != nil {
		return err
	}
	defer logf.Close()
	cfg.ServerLog = logf
	start := time.Now()
	rep, err := bench.Benchmark(ctx, cfg)
	if err != nil {
		return fmt.Errorf("%w (server output in %s)", err, *serverLog)
	}
	fmt.Fprintf(stdout, "\n%s", rep.Text())
	if *jsonPath != "" {
		if err := rep.WriteJSON(*jsonPath); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", *jsonPath)
	}
	if *mdPath != "" {
		if err := rep.UpdateMarkdown(*mdPath); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", *mdPath)
	}
	fmt.Fprintf(stdout, "benchmark took %s\n", time.Since(start).Round(time.Second))
	return nil
}
