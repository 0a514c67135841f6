package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/sporbar/sporbar/internal/config"
)

const metricsToken = "en-lang-hemmelig-maalenoegle"

// /metrics needs no session: its token guards it (TestMetrics), or it is not there.
func init() { addRouteClasses(map[string]class{"GET /metrics": public}) }

// newMetricsServer is newTestServer with /metrics behind metricsToken.
func newMetricsServer(t *testing.T) *testServer {
	t.Helper()
	return startServer(t, slog.New(slog.NewTextHandler(io.Discard, nil)), func(c *config.Config) { c.MetricsToken = metricsToken })
}

// scrape GETs /metrics with token ("" for none) and returns the status and, on 200, the
// metric families parsed.
func (ts *testServer) scrape(t *testing.T, token string) (int, map[string]*dto.MetricFamily) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.srv.URL+"/metrics", nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, nil
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return resp.StatusCode, fams
}

// value is the value of the series of family name whose labels include labels (0 when none).
func value(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return 0
	}
	for _, m := range f.GetMetric() {
		got := map[string]string{}
		for _, l := range m.GetLabel() {
			got[l.GetName()] = l.GetValue()
		}
		match := true
		for k, v := range labels {
			match = match && got[k] == v
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return 0
}

// /metrics answers only with the token, and counts requests per route pattern, the pool and
// the kept skemaer.
func TestMetrics(t *testing.T) {
	t.Parallel()
	t.Run("off without a token", func(t *testing.T) {
		t.Parallel()
		ts := newTestServer(t)
		if status, _ := ts.scrape(t, ""); status != http.StatusNotFound {
			t.Errorf("GET /metrics: %d, want 404", status)
		}
	})
	ts := newMetricsServer(t)
	for _, token := range []string{"", "forkert-noegle-til-maalinger"} {
		if status, _ := ts.scrape(t, token); status != http.StatusUnauthorized {
			t.Errorf("GET /metrics with token %q: %d, want 401", token, status)
		}
	}
	ts.signIn(t, userEmail(kommune, "admin"))
	skema := "/org/" + kommune + "/oversigt"
	for range 3 {
		ts.fetch(t, skema)
	}
	ts.fetch(t, "/indsatser/999999999")
	_, fams := ts.scrape(t, metricsToken)
	type sample struct {
		Name   string
		Labels map[string]string
	}
	positive := []sample{
		{"sporbar_http_requests_total", map[string]string{"route": "/org/{org}/oversigt", "method": "GET", "code": "200"}},
		{"sporbar_http_requests_total", map[string]string{"route": "/indsatser/{id}", "code": "404"}},
		{"sporbar_http_requests_total", map[string]string{"route": "/login", "method": "POST"}},
		{"sporbar_http_request_duration_seconds", map[string]string{"route": "/org/{org}/oversigt"}},
		{"sporbar_db_pool_connections_max", nil},
		{"sporbar_db_pool_acquires_total", nil},
		{"sporbar_page_cache_hits_total", nil},
		{"sporbar_page_cache_misses_total", nil},
		{"sporbar_page_cache_entries", nil},
		{"sporbar_page_cache_bytes", nil},
		{"go_goroutines", nil},
	}
	var missing []sample
	for _, s := range positive {
		if value(fams, s.Name, s.Labels) <= 0 {
			missing = append(missing, s)
		}
	}
	if diff := cmp.Diff([]sample(nil), missing); diff != "" {
		t.Errorf("series missing or zero (-want +got):\n%s", diff)
	}
	if n := len(fams["sporbar_http_requests_total"].GetMetric()); n > 10 {
		t.Errorf("%d request series after a handful of routes: labels must be route patterns", n)
	}
}
