package server

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Prometheus metrics. Every Server has a registry of its own (no global one) with the HTTP
// requests per route pattern, the database pool (pgxpool.Stat), the kept samlet skemaer
// (pagecache.go), and the Go runtime and the process. Other parts of Sporbar add their own
// collectors through Server.Metrics. The registry is exposed at /metrics on the main
// listener behind METRICS_TOKEN (metricsEndpoint), or on a listener of its own at
// METRICS_ADDR (internal/app), or not at all.

// metrics holds the registry and the request collectors.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// newMetrics registers Sporbar's collectors for pool and cache.
func newMetrics(pool *pgxpool.Pool, cache *pageCache) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sporbar_http_requests_total", Help: "HTTP requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "sporbar_http_request_duration_seconds", Help: "Time to answer an HTTP request, by route pattern and method.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method"}),
	}
	m.reg.MustRegister(m.requests, m.duration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		poolCollector(pool), cacheCollector(cache))
	return m
}

// measure counts and times each request under the route pattern that chi matched (never the
// path itself, so the number of series stays that of the routes).
func (m *metrics) measure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		route := "unmatched"
		if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
			route = rc.RoutePattern()
		}
		method := metricMethod(r.Method)
		m.requests.WithLabelValues(route, method, strconv.Itoa(rec.status)).Inc()
		m.duration.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
	})
}

// metricMethod is r.Method when it is one of HTTP's, else "other": clients choose it.
func metricMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}

// Metrics is the registry of the server's metrics, for collectors of other parts of Sporbar.
func (s *Server) Metrics() prometheus.Registerer { return s.metrics.reg }

// MetricsHandler answers with every metric in Prometheus' text format, to anyone: it is for a
// listener of its own (METRICS_ADDR), never the public one.
func (s *Server) MetricsHandler() http.Handler {
	return promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{ErrorLog: nil})
}

// metricsEndpoint serves the metrics on the main listener to requests that carry
// `Authorization: Bearer METRICS_TOKEN`, and is not there (404) when no token is configured.
func (s *Server) metricsEndpoint(w http.ResponseWriter, r *http.Request) {
	if s.cfg.MetricsToken == "" {
		s.notFound(w, r)
		return
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.MetricsToken)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sporbar-metrics"`)
		http.Error(w, "Adgang til målingerne kræver en gyldig nøgle.", http.StatusUnauthorized)
		return
	}
	s.MetricsHandler().ServeHTTP(w, r)
}

// snapshotCollector reports a fixed list of values read at each scrape: defs[i] describes
// read()[i].
type snapshotCollector struct {
	defs []snapshotDef
	read func() []float64
}

// snapshotDef is one value of a snapshotCollector.
type snapshotDef struct {
	desc *prometheus.Desc
	kind prometheus.ValueType
}

func gauge(name, help string) snapshotDef {
	return snapshotDef{prometheus.NewDesc(name, help, nil, nil), prometheus.GaugeValue}
}

func counter(name, help string) snapshotDef {
	return snapshotDef{prometheus.NewDesc(name, help, nil, nil), prometheus.CounterValue}
}

func (c snapshotCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.defs {
		ch <- d.desc
	}
}

func (c snapshotCollector) Collect(ch chan<- prometheus.Metric) {
	for i, v := range c.read() {
		ch <- prometheus.MustNewConstMetric(c.defs[i].desc, c.defs[i].kind, v)
	}
}

// poolCollector reports the database pool's use (pgxpool.Stat).
func poolCollector(pool *pgxpool.Pool) snapshotCollector {
	return snapshotCollector{
		defs: []snapshotDef{
			gauge("sporbar_db_pool_connections_max", "The most connections the pool opens."),
			gauge("sporbar_db_pool_connections_total", "Connections open now."),
			gauge("sporbar_db_pool_connections_acquired", "Connections in use now."),
			gauge("sporbar_db_pool_connections_idle", "Connections open and idle now."),
			counter("sporbar_db_pool_acquires_total", "Connections handed out."),
			counter("sporbar_db_pool_empty_acquires_total", "Acquires that had to wait for a connection."),
			counter("sporbar_db_pool_canceled_acquires_total", "Acquires given up before a connection came."),
			counter("sporbar_db_pool_acquire_seconds_total", "Time spent waiting for connections."),
		},
		read: func() []float64 {
			st := pool.Stat()
			return []float64{float64(st.MaxConns()), float64(st.TotalConns()), float64(st.AcquiredConns()),
				float64(st.IdleConns()), float64(st.AcquireCount()), float64(st.EmptyAcquireCount()),
				float64(st.CanceledAcquireCount()), st.AcquireDuration().Seconds()}
		},
	}
}

// cacheCollector reports the kept samlet skemaer (pagecache.go).
func cacheCollector(cache *pageCache) snapshotCollector {
	return snapshotCollector{
		defs: []snapshotDef{
			counter("sporbar_page_cache_hits_total", "Samlet skemaer answered from the cache."),
			counter("sporbar_page_cache_misses_total", "Samlet skemaer built because none was kept."),
			counter("sporbar_page_cache_purges_total", "Times an organisation's kept skemaer went because its data version went backwards."),
			gauge("sporbar_page_cache_bytes", "Memory the kept skemaer count against PAGE_CACHE_MB, keys included."),
			gauge("sporbar_page_cache_entries", "Skemaer kept."),
			gauge("sporbar_page_cache_max_bytes", "The limit (PAGE_CACHE_MB)."),
		},
		read: func() []float64 {
			st := cache.stats()
			return []float64{float64(st.Hits), float64(st.Misses), float64(st.Purges),
				float64(st.Bytes), float64(st.Entries), float64(st.MaxBytes)}
		},
	}
}
