package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/sporbar/sporbar/internal/config"
)

// listenMetrics serves metrics (server.Server.MetricsHandler) at /metrics on METRICS_ADDR, a
// listener of its own that is not published. It returns a stop function that ends it
// gracefully; with no METRICS_ADDR it listens on nothing and stop does nothing.
func listenMetrics(cfg config.Config, metrics http.Handler, log *slog.Logger) (stop func(context.Context) error, err error) {
	if cfg.MetricsAddr == "" {
		return func(context.Context) error { return nil }, nil
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("listen METRICS_ADDR %s: %w", cfg.MetricsAddr, err)
	}
	log.Info("metrics", "addr", ln.Addr().String())
	go func() {
		if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
			log.Error("metrics listener", "err", err)
		}
	}()
	return srv.Shutdown, nil
}
