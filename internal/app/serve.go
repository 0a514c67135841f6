package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/server"
	"github.com/sporbar/sporbar/internal/store"
)

// serve migrates the database if it is behind (under an advisory lock, so several instances
// may start at once) and serves HTTP until ctx is cancelled. Then it stops accepting
// connections, lets the requests in flight finish (up to SHUTDOWN_TIMEOUT), stops the cleanup
// job and the mail queue, and only then returns, so that the caller closes the database pool after the last
// request. A clean stop returns nil; one that had to cut requests returns an error.
func serve(ctx context.Context, cfg config.Config, st *store.Store, log *slog.Logger, stdout io.Writer) error {
	if err := store.MigrateIfBehind(ctx, st.Pool(), log); err != nil {
		return err
	}
	if err := checkRestored(ctx, st, log); err != nil {
		return err
	}
	mailer, err := startMail(ctx, cfg, st, log)
	if err != nil {
		return err
	}
	defer stopMail(mailer, log) // after the requests in flight, which may queue mail
	handler := server.New(cfg, st, log).WithNotifier(mailer)
	stopMetrics, err := listenMetrics(cfg, handler.MetricsHandler(), log)
	if err != nil {
		return err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = stopMetrics(stopCtx)
	}()
	// Requests run under their own base context: the stop signal must not cancel the work in
	// flight, only a grace period that runs out does.
	base, cancelRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRequests()
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           handler.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	var jobs sync.WaitGroup
	jobCtx, stopJobs := context.WithCancel(ctx)
	jobs.Go(func() { cleanupLoop(jobCtx, st, cfg, log) })
	defer func() { stopJobs(); jobs.Wait() }() // before the caller closes the pool, however serve ends

	log.Info("serving", "addr", ln.Addr().String(), "version", version)
	fmt.Fprintf(stdout, "Sporbar kører på %s (Ctrl-C stopper)\n", cfg.BaseURL)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	stopJobs()
	return shutdown(srv, cancelRequests, cfg.ShutdownTimeout, log)
}

// shutdown stops srv gracefully within grace; when grace runs out it cancels the requests
// still running and closes their connections.
func shutdown(srv *http.Server, cancelRequests context.CancelFunc, grace time.Duration, log *slog.Logger) error {
	log.Info("shutting down: finishing requests in flight", "grace", grace)
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(ctx)
	if err == nil {
		log.Info("stopped")
		return nil
	}
	cancelRequests()
	_ = srv.Close()
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("shutdown: requests still running after SHUTDOWN_TIMEOUT (%s) were cut", grace)
	}
	return fmt.Errorf("shutdown: %w", err)
}

// cleanupLoop deletes expired sessions and old sign-in failures every CLEANUP_INTERVAL until
// ctx ends (once at start too). The deletes are idempotent, so several instances may run it.
func cleanupLoop(ctx context.Context, st *store.Store, cfg config.Config, log *slog.Logger) {
	t := time.NewTicker(cfg.CleanupInterval)
	defer t.Stop()
	for {
		n, err := st.DeleteExpired(ctx, store.Expiry{SessionIdle: cfg.SessionIdle, SessionMaxAge: cfg.SessionMaxAge})
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("cleanup failed; trying again later", "err", err)
		case n.Any():
			log.Info("cleanup", "sessions", n.Sessions, "throttles", n.Throttles)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
