package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/dbtest"
)

// `sporbar cache reset` moves every organisation's data version on; `cache` alone is a usage error.
func TestCacheReset(t *testing.T) {
	t.Parallel()
	pool := dbtest.NewSeeded(t)
	getenv := func(k string) string {
		if k == "DATABASE_URL" {
			return dbtest.URL(t, pool)
		}
		return ""
	}
	ctx := context.Background()
	var before int64
	if err := pool.QueryRow(ctx, `SELECT max(data_version) FROM organisations`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Run(ctx, []string{"sporbar", "cache", "reset"}, getenv, nil, &out); err != nil {
		t.Fatalf("cache reset: %v", err)
	}
	var after int64
	if err := pool.QueryRow(ctx, `SELECT min(data_version) FROM organisations`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after <= before || !strings.Contains(out.String(), "2 organisation(er)") {
		t.Errorf("after cache reset the lowest version is %d (highest before: %d), output %q", after, before, out.String())
	}
	if err := Run(ctx, []string{"sporbar", "cache"}, getenv, nil, io.Discard); err == nil {
		t.Error("`sporbar cache` without reset succeeded")
	}
}

// With METRICS_ADDR, serve answers /metrics on that listener, and stops cleanly.
func TestServeMetricsListener(t *testing.T) {
	t.Parallel()
	pool := dbtest.NewSeeded(t)
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	env := map[string]string{"DATABASE_URL": dbtest.URL(t, pool), "ADDR": addr, "METRICS_ADDR": metricsAddr, "LOG_LEVEL": "error"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"sporbar", "serve"}, func(k string) string { return env[k] }, nil, io.Discard)
	}()

	waitOK(t, "http://"+addr+"/healthz")
	body := waitOK(t, "http://"+metricsAddr+"/metrics")
	for _, want := range []string{"sporbar_db_pool_connections_max", "sporbar_page_cache_max_bytes 3.3554432e+07"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics on METRICS_ADDR lack %q", want)
		}
	}
	if resp, err := http.Get("http://" + addr + "/metrics"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the main listener without METRICS_TOKEN: %v %v, want 404", resp, err)
	} else {
		_ = resp.Body.Close()
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30 s")
	}
}

// waitOK GETs url until it answers 200 (at most 30 s) and returns the body.
func waitOK(t *testing.T, url string) string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get(url)
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return string(b)
		}
	}
	t.Errorf("%s did not answer 200 within 30 s", url)
	return ""
}
