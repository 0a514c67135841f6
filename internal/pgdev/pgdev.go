// Package pgdev runs a private PostgreSQL cluster for development and tests.
//
// Start creates a cluster in a directory of our own (initdb on first use, reused afterwards),
// starts a postgres server listening on 127.0.0.1 only (no unix socket) with trust
// authentication, and waits until it accepts connections. The superuser is always
// "postgres". When the process runs as root, initdb and postgres run as the unprivileged
// "postgres" system user, because PostgreSQL refuses to run as root.
//
// Layout under Options.Dir:
//
//	Dir/data          the cluster (PGDATA), owned by the user postgres runs as
//	Dir/postgres.log  initdb and server output, appended to on every run
//
// A server left running by an earlier launcher for the same Dir (for instance one that was
// killed with SIGKILL) is reused rather than restarted: Start connects to it and Stop leaves
// it running, because another process may still use it. StopDir stops such a server.
package pgdev

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// DefaultPort is the port used when Options.Port is 0.
const DefaultPort = 54329

// Timeouts for start-up and shutdown.
const (
	readyTimeout = 30 * time.Second // postgres must accept connections within this
	stopTimeout  = 60 * time.Second // fast shutdown must finish within this, then SIGQUIT
)

// Options configure Start.
type Options struct {
	// Dir is the root directory, e.g. ".data/postgres". It is created (mode 0755) if
	// missing; the cluster lives in Dir/data and the server log in Dir/postgres.log.
	Dir string
	// Port is the TCP port on 127.0.0.1; 0 means DefaultPort. 5432 is refused, as it
	// belongs to the machine's own PostgreSQL.
	Port int
	// Fast turns off fsync, synchronous_commit and full_page_writes: faster, but a crash of
	// the machine may corrupt the cluster. Meant for throw-away test clusters.
	Fast bool
	// BinDir is the directory holding initdb and postgres. Empty means: search the usual
	// places and, as root on Debian, install the postgresql package when none is found.
	BinDir string
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
	// Stdout receives short human progress messages; nil discards them.
	Stdout io.Writer
}

// Cluster is a running PostgreSQL server. Its methods are safe for concurrent use.
type Cluster struct {
	port    int
	dataDir string
	reused  bool // the server was already running; Stop leaves it alone
	log     *slog.Logger
	out     io.Writer

	// The fields below are only set when this process started the server.
	proc    *os.Process
	exited  chan struct{} // closed when the server process has been reaped
	waitErr error         // the server's exit status; read after exited is closed
	logFile *os.File
	logPath string
	logOff  int64 // size of the log when this run started, for error tails

	stopOnce sync.Once
	stopErr  error
}

// Start makes sure a server for opt.Dir runs and accepts connections, and returns it. It
// creates the cluster if Dir/data holds none, reuses a server that is still running for
// Dir/data (see the package documentation), and otherwise starts postgres in its own
// process group, so a terminal's Ctrl-C reaches only the caller, which is then expected to
// call Stop. A stale postmaster.pid is removed. ctx bounds the start-up only; cancelling it
// later does not affect the server. Errors from initdb or postgres include the tail of
// Dir/postgres.log.
func Start(ctx context.Context, opt Options) (*Cluster, error) {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Stdout == nil {
		opt.Stdout = io.Discard
	}
	if opt.Port == 0 {
		opt.Port = DefaultPort
	}
	if opt.Port == 5432 || opt.Port < 0 || opt.Port > 65535 {
		return nil, fmt.Errorf("pgdev: start: port %d not allowed (5432 belongs to the system PostgreSQL)", opt.Port)
	}
	if opt.Dir == "" {
		return nil, errors.New("pgdev: start: Options.Dir is empty")
	}
	root, err := filepath.Abs(opt.Dir)
	if err != nil {
		return nil, fmt.Errorf("pgdev: start: %w", err)
	}
	dataDir := filepath.Join(root, "data")

	// A server left running for this data directory is reused as it is.
	if pf, ok := runningServer(dataDir, opt.Log); ok {
		c := &Cluster{port: pf.port, dataDir: dataDir, reused: true, log: opt.Log, out: opt.Stdout}
		if pf.port != opt.Port {
			opt.Log.Warn("pgdev: reused server listens on another port", "want", opt.Port, "port", pf.port)
		}
		fmt.Fprintf(opt.Stdout, "pgdev: reusing server already running for %s (pid %d, port %d); it is left running on exit\n", dataDir, pf.pid, pf.port)
		if err := c.waitReady(ctx); err != nil {
			return nil, fmt.Errorf("pgdev: start: reuse server pid %d: %w", pf.pid, err)
		}
		return c, nil
	}

	major, err := clusterMajor(dataDir)
	if err != nil {
		return nil, fmt.Errorf("pgdev: start: %w", err)
	}
	bin, err := findBinaries(ctx, opt, major)
	if err != nil {
		return nil, fmt.Errorf("pgdev: start: %w", err)
	}
	acct, err := currentAccount()
	if err != nil {
		return nil, fmt.Errorf("pgdev: start: %w", err)
	}
	if err := prepareDirs(root, dataDir, acct); err != nil {
		return nil, fmt.Errorf("pgdev: start: %w", err)
	}
	if err := portFree(opt.Port); err != nil {
		return nil, fmt.Errorf("pgdev: start: %w", err)
	}

	c := &Cluster{port: opt.Port, dataDir: dataDir, log: opt.Log, out: opt.Stdout, logPath: filepath.Join(root, "postgres.log")}
	if c.logFile, err = os.OpenFile(c.logPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err != nil {
		return nil, fmt.Errorf("pgdev: start: open server log: %w", err)
	}
	if fi, err := c.logFile.Stat(); err == nil {
		c.logOff = fi.Size()
	}
	if major == 0 {
		if err := c.initdb(ctx, bin, acct, opt.Fast); err != nil {
			c.logFile.Close()
			return nil, fmt.Errorf("pgdev: start: %w", err)
		}
	}
	if err := c.start(bin, acct, opt.Fast); err != nil {
		c.logFile.Close()
		return nil, fmt.Errorf("pgdev: start: %w", err)
	}
	if err := c.waitReady(ctx); err != nil {
		_ = c.Stop() // best effort; the log tail says why start-up failed
		return nil, fmt.Errorf("pgdev: start: %w%s", err, c.logTail())
	}
	fmt.Fprintf(opt.Stdout, "pgdev: postgres %d listening on 127.0.0.1:%d (data in %s)\n", bin.major, c.port, dataDir)
	return c, nil
}

// initdb creates the cluster in c.dataDir, which must exist and be empty.
func (c *Cluster) initdb(ctx context.Context, bin binaries, acct account, fast bool) error {
	fmt.Fprintf(c.out, "pgdev: creating PostgreSQL %d cluster in %s\n", bin.major, c.dataDir)
	args := []string{"-D", c.dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8"}
	if loc := utf8Locale(ctx); loc != "" {
		args = append(args, "--locale="+loc)
	} else {
		args = append(args, "--no-locale")
	}
	if fast {
		args = append(args, "--no-sync")
	}
	cmd := exec.CommandContext(ctx, bin.path("initdb"), args...)
	cmd.Stdout, cmd.Stderr = c.logFile, c.logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: acct.cred}
	// On SIGINT initdb removes what it created, so an interrupted run can simply be redone.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("initdb %s: %w%s", c.dataDir, err, c.logTail())
	}
	c.log.Info("pgdev: initdb done", "dir", c.dataDir, "elapsed", time.Since(start))
	return nil
}

// start launches postgres in its own process group and reaps it in the background.
func (c *Cluster) start(bin binaries, acct account, fast bool) error {
	args := []string{"-D", c.dataDir,
		"-p", strconv.Itoa(c.port),
		"-k", "", // no unix socket: TCP only, so socket path length is no concern
		"-c", "listen_addresses=127.0.0.1",
		"-c", "max_connections=200",
	}
	if fast {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	cmd := exec.Command(bin.path("postgres"), args...)
	cmd.Stdout, cmd.Stderr = c.logFile, c.logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: acct.cred}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("run postgres: %w", err)
	}
	c.proc = cmd.Process
	c.exited = make(chan struct{})
	go func() {
		c.waitErr = cmd.Wait()
		close(c.exited)
	}()
	c.log.Info("pgdev: postgres started", "pid", c.proc.Pid, "port", c.port, "fast", fast)
	return nil
}

// waitReady polls until the server accepts a connection, it exits, or readyTimeout passes.
func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	for {
		err := c.ping(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-c.exited: // a nil channel (reused server) never fires
			return fmt.Errorf("postgres exited during start-up: %v", c.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("wait for postgres on port %d: %w (last error: %v)", c.port, ctx.Err(), err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// URL returns the connection URL of database dbname as the superuser "postgres", e.g.
// postgres://postgres@127.0.0.1:54329/dbname?sslmode=disable. The database "postgres"
// always exists; see EnsureDatabase for others.
func (c *Cluster) URL(dbname string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, dbname)
}

// Reused reports whether Start found the server already running; Stop then leaves it.
func (c *Cluster) Reused() bool { return c.reused }

// Stop shuts a server started by Start down with a fast shutdown (SIGINT to the postmaster,
// as `pg_ctl stop -m fast` does: sessions are ended, a checkpoint is written) and waits
// until the process has exited; if that takes longer than a minute it sends SIGQUIT, then
// SIGKILL. A reused server is left running. Calling Stop again returns the first result.
func (c *Cluster) Stop() error {
	if c.reused {
		c.log.Info("pgdev: leaving reused server running", "dir", c.dataDir)
		return nil
	}
	c.stopOnce.Do(func() { c.stopErr = c.stop() })
	return c.stopErr
}

func (c *Cluster) stop() error {
	defer c.logFile.Close()
	select {
	case <-c.exited:
		return fmt.Errorf("pgdev: stop: postgres had already exited: %v%s", c.waitErr, c.logTail())
	default:
	}
	start := time.Now()
	for _, step := range []struct {
		sig  syscall.Signal
		wait time.Duration
	}{{syscall.SIGINT, stopTimeout}, {syscall.SIGQUIT, 10 * time.Second}, {syscall.SIGKILL, 10 * time.Second}} {
		if err := c.proc.Signal(step.sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
			return fmt.Errorf("pgdev: stop: signal postgres: %w", err)
		}
		select {
		case <-c.exited:
			if c.waitErr != nil && step.sig == syscall.SIGINT {
				return fmt.Errorf("pgdev: stop: postgres: %w%s", c.waitErr, c.logTail())
			}
			c.log.Info("pgdev: postgres stopped", "signal", step.sig, "elapsed", time.Since(start))
			return nil
		case <-time.After(step.wait):
			c.log.Warn("pgdev: postgres did not stop in time", "signal", step.sig, "waited", step.wait)
		}
	}
	return errors.New("pgdev: stop: postgres did not exit even after SIGKILL")
}
