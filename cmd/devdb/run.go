package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/sporbar/sporbar/internal/pgdev"
)

// envVar is one -env flag: the variable name and the database its URL points at.
type envVar struct{ name, db string }

// config is the parsed command line.
type config struct {
	opt     pgdev.Options
	db      string
	envs    []envVar
	stop    bool
	command []string
}

// run is devdb without the process globals; it returns the exit status.
func run(ctx context.Context, args, environ []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "devdb: %v\n", err)
		return 2
	}

	// Catch the signals before anything starts, so none can kill us with postgres running.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(sigs)

	if cfg.stop {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		stopped, err := pgdev.StopDir(ctx, cfg.opt.Dir, cfg.opt.Log)
		switch {
		case err != nil:
			fmt.Fprintf(stderr, "devdb: %v\n", err)
			return 1
		case stopped:
			fmt.Fprintf(stderr, "devdb: stopped the server for %s\n", cfg.opt.Dir)
		default:
			fmt.Fprintf(stderr, "devdb: no server running for %s\n", cfg.opt.Dir)
		}
		return 0
	}

	c, sig, err := startCluster(ctx, cfg, sigs)
	if sig != nil {
		fmt.Fprintf(stderr, "devdb: interrupted (%v) during start-up\n", sig)
		return 128 + int(sig.(syscall.Signal))
	}
	if err != nil {
		fmt.Fprintf(stderr, "devdb: %v\n", err)
		return 1
	}

	env := environ
	for _, e := range cfg.envs {
		env = append(env, e.name+"="+c.URL(e.db)) // exec.Cmd uses the last value of a name
	}
	code := 0
	if len(cfg.command) == 0 {
		for _, e := range cfg.envs {
			fmt.Fprintf(stdout, "%s=%s\n", e.name, c.URL(e.db))
		}
		fmt.Fprintln(stderr, "devdb: press Ctrl-C to stop")
		<-sigs
	} else {
		code = runCommand(cfg.command, env, stdin, stdout, stderr, sigs)
	}
	if err := c.Stop(); err != nil {
		fmt.Fprintf(stderr, "devdb: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// startCluster starts the cluster and creates the databases the -env variables point at.
// A signal arriving meanwhile aborts the start-up; it is then returned, and the cluster,
// if it got started, has been stopped again.
func startCluster(ctx context.Context, cfg config, sigs <-chan os.Signal) (*pgdev.Cluster, os.Signal, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		c   *pgdev.Cluster
		err error
	}
	done := make(chan result, 1)
	go func() {
		c, err := pgdev.Start(ctx, cfg.opt)
		if err == nil {
			seen := map[string]bool{}
			for _, e := range cfg.envs {
				if !seen[e.db] {
					seen[e.db] = true
					err = errors.Join(err, c.EnsureDatabase(ctx, e.db))
				}
			}
		}
		done <- result{c, err}
	}()
	var sig os.Signal
	select {
	case r := <-done:
		if r.err != nil && r.c != nil {
			r.err = errors.Join(r.err, r.c.Stop())
		}
		return r.c, nil, r.err
	case sig = <-sigs:
	}
	cancel()
	if r := <-done; r.c != nil {
		_ = r.c.Stop()
	}
	return nil, sig, nil
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("devdb", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: devdb [flags] [-- command args...]\n\nRuns a private PostgreSQL cluster, and the command with its URL in the environment.\n\nflags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.opt.Dir, "dir", ".data/postgres", "cluster `directory` (created if missing, kept between runs)")
	fs.IntVar(&cfg.opt.Port, "port", pgdev.DefaultPort, "TCP `port` on 127.0.0.1")
	fs.BoolVar(&cfg.opt.Fast, "fast", false, "turn off fsync etc.: faster, but a machine crash may lose the cluster (for tests)")
	fs.StringVar(&cfg.db, "db", "sporbar", "`database` the -env variables point at (created if missing)")
	fs.BoolVar(&cfg.stop, "stop", false, "stop a server left running for -dir, then exit")
	verbose := fs.Bool("v", false, "log diagnostics")
	var envs []string
	fs.Func("env", "set environment variable `NAME` (default DATABASE_URL) to the URL of -db, or NAME=db to that of db; repeatable", func(s string) error {
		if name, _, _ := strings.Cut(s, "="); name == "" || strings.ContainsAny(name, " \t\n\x00") {
			return fmt.Errorf("bad variable name in %q", s)
		}
		envs = append(envs, s)
		return nil
	})
	if err := fs.Parse(args[1:]); err != nil {
		return config{}, err
	}
	cfg.command = fs.Args()
	if cfg.stop && len(cfg.command) > 0 {
		return config{}, errors.New("-stop takes no command")
	}
	if len(envs) == 0 {
		envs = []string{"DATABASE_URL"}
	}
	for _, s := range envs {
		name, db, ok := strings.Cut(s, "=")
		if !ok || db == "" {
			db = cfg.db
		}
		cfg.envs = append(cfg.envs, envVar{name, db})
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	cfg.opt.Log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	cfg.opt.Stdout = stderr // progress must not mix with the command's output
	return cfg, nil
}
