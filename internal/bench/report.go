package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Report is what a benchmark run measured; it is written as results.json.
type Report struct {
	Date     string    `json:"date"`
	Machine  Machine   `json:"machine"`
	Seed     uint64    `json:"seed"`
	Targets  Targets   `json:"targets"`
	Settings Settings  `json:"settings"`
	Pages    []Page    `json:"pages"`
	Mixed    []Result  `json:"mixed"`
	Knee     Knee      `json:"dashboard_knee"`
	Built    *Page     `json:"dashboard_built,omitempty"` // the dashboard with nothing kept (PAGE_CACHE_MB=0)
	PeakRSS  float64   `json:"server_peak_rss_mb"`        // VmHWM of the server at the end
	Plans    PlanCheck `json:"explain"`
	Floors   []Floor   `json:"floors"`
}

// Settings are the run's durations and rates.
type Settings struct {
	Duration   string  `json:"fixed_rate_duration"`
	Capacity   string  `json:"capacity_duration"`
	Step       string  `json:"knee_step_duration"`
	ReadRate   float64 `json:"read_rate"`
	ExportRate float64 `json:"export_rate"`
	PostRate   float64 `json:"post_rate"`
	ServerEnv  string  `json:"server_env,omitempty"`
}

func (cfg Config) settings() Settings {
	return Settings{Duration: cfg.Duration.String(), Capacity: cfg.Capacity.String(), Step: cfg.Step.String(),
		ReadRate: readRate, ExportRate: exportRate, PostRate: postRate, ServerEnv: strings.Join(cfg.ServerEnv, " ")}
}

// Page is one page's measurements.
type Page struct {
	Name     string  `json:"name"`
	Method   string  `json:"method"`
	Path     string  `json:"path"`
	Fixed    Result  `json:"fixed_rate"`
	Capacity Result  `json:"capacity"`
	Ratio    float64 `json:"capacity_ratio_to_healthz"`
	RSS      float64 `json:"max_rss_mb"` // the server's highest resident memory during the page's runs
}

// Knee is the dashboard's knee search.
type Knee struct {
	P99Limit float64  `json:"p99_limit_ms"`
	Rate     float64  `json:"max_rate_within_limit"` // 0 when even the first step passed the limit
	Capped   bool     `json:"capped"`                // the search stopped at its highest rate, within the limit
	Steps    []Result `json:"steps"`
}

// String is the knee's rate, "at least" when the search stopped within the limit.
func (k Knee) String() string {
	if k.Capped {
		return fmt.Sprintf("≥ %.0f req/s (the highest rate tried; p99 never passed the limit)", k.Rate)
	}
	return fmt.Sprintf("%.0f req/s", k.Rate)
}

// Floor is one floor of issue 10 and whether this run met it.
type Floor struct {
	What     string `json:"what"`
	Limit    string `json:"limit"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
}

// finish fills the ratios to /healthz's capacity and judges the floors.
func (r *Report) finish() {
	health := r.page("healthz")
	for i := range r.Pages {
		if health != nil && health.Capacity.Throughput > 0 {
			r.Pages[i].Ratio = r.Pages[i].Capacity.Throughput / health.Capacity.Throughput
		}
	}
	p99 := func(name, what string, limit float64) {
		if p := r.page(name); p != nil {
			l := p.Fixed.Latency.P99
			r.Floors = append(r.Floors, Floor{What: what, Limit: fmt.Sprintf("p99 ≤ %.0f ms", limit),
				Measured: fmt.Sprintf("p99 %.1f ms, %d errors", l, p.Fixed.Errors), Met: l <= limit && p.Fixed.Errors == 0})
		}
	}
	p99("dashboard", "fagchef dashboard at 200 req/s", 25)
	r.Floors = append(r.Floors, Floor{What: "fagchef dashboard: rate before p99 passes 100 ms", Limit: "≥ 1000 req/s",
		Measured: r.Knee.String(), Met: r.Knee.Rate >= 1000})
	p99("agreement", "agreement page at 200 req/s", 20)
	p99("action plan", "action plan page at 200 req/s", 20)
	for _, m := range r.Mixed {
		if m.Name == "mixed: status POST" {
			r.Floors = append(r.Floors, Floor{What: "status update POST at 50 req/s mixed with the reads", Limit: "p99 ≤ 30 ms, no error",
				Measured: fmt.Sprintf("p99 %.1f ms, %d errors", m.Latency.P99, m.Errors), Met: m.Latency.P99 <= 30 && m.Errors == 0})
		}
	}
	r.Floors = append(r.Floors, Floor{What: "every dashboard query uses an index (EXPLAIN, national data)",
		Limit: "no sequential scan of a large table", Met: len(r.Plans.SeqScans) == 0,
		Measured: fmt.Sprintf("%d statements × 2 plans: %d sequential scans", r.Plans.Statements, len(r.Plans.SeqScans))})
	r.Floors = append(r.Floors, Floor{What: "server peak memory (VmHWM) over the whole run", Limit: "≤ 200 MB",
		Measured: fmt.Sprintf("%.1f MB", r.PeakRSS), Met: r.PeakRSS > 0 && r.PeakRSS <= 200})
}

func (r *Report) page(name string) *Page {
	for i := range r.Pages {
		if r.Pages[i].Name == name {
			return &r.Pages[i]
		}
	}
	return nil
}

// WriteJSON writes the report to path (indented), creating its directory.
func (r *Report) WriteJSON(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// Markdown is the report as the tables docs/benchmarks.md shows.
func (r *Report) Markdown() string {
	var b strings.Builder
	m, t := r.Machine, r.Targets
	date := r.Date
	if d, err := time.Parse(time.RFC3339, r.Date); err == nil {
		date = d.Format("2006-01-02 15:04 MST")
	}
	fmt.Fprintf(&b, "Measured %s on %d × %s, %.1f GiB memory, Linux %s, %s, PostgreSQL %s "+
		"(load average before the run %s, after it %s).\n\n",
		date, m.CPUs, m.CPUModel, m.MemoryGB, m.Kernel, m.Go, m.Postgres, m.LoadAvg, m.LoadEnd)
	fmt.Fprintf(&b, "Data (seed %d): %d organisations, %d initiatives, %d action plans, ~%d status updates, %d users. "+
		"The dashboard is %s's skema of strategy %d (%d action plans) as %s; agreement %d; action plan %d (%d status updates); "+
		"the POSTs go to %d plans of %s's unit.\n\n",
		r.Seed, t.Data.Organisations, t.Data.Initiatives, t.Data.ActionPlans, t.Data.StatusUpdates, t.Data.Users,
		t.Org, t.Strategy, t.StrategyAPs, t.Fagchef, t.Agreement, t.ActionPlan, t.History, len(t.PostPlans), t.Leader)
	b.WriteString("| request | offered req/s | reached req/s | p50 ms | p95 ms | p99 ms | errors | capacity req/s | capacity ÷ /healthz | body bytes | server RSS MB |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, p := range r.Pages {
		f := p.Fixed
		fmt.Fprintf(&b, "| %s `%s` | %.0f | %.0f | %.2f | %.2f | %.2f | %d | %.0f | %.3f | %d | %.1f |\n",
			p.Method, p.Path, f.Rate, f.Throughput, f.Latency.P50, f.Latency.P95, f.Latency.P99, f.Errors+p.Capacity.Errors,
			p.Capacity.Throughput, p.Ratio, f.MeanBytes, p.RSS)
	}
	b.WriteString("\nMixed (all at once):\n\n| stream | offered req/s | reached req/s | p50 ms | p95 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, x := range r.Mixed {
		fmt.Fprintf(&b, "| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %d |\n", strings.TrimPrefix(x.Name, "mixed: "), x.Rate,
			x.Throughput, x.Latency.P50, x.Latency.P95, x.Latency.P99, x.Errors)
	}
	fmt.Fprintf(&b, "\nDashboard knee (each step %s; the knee is the highest rate with p99 ≤ %.0f ms): **%s**.\n\n",
		r.Settings.Step, r.Knee.P99Limit, r.Knee.String())
	b.WriteString("| offered req/s | reached req/s | p50 ms | p95 ms | p99 ms | errors |\n|---:|---:|---:|---:|---:|---:|\n")
	for _, x := range r.Knee.Steps {
		fmt.Fprintf(&b, "| %.0f | %.0f | %.2f | %.2f | %.2f | %d |\n", x.Rate, x.Throughput, x.Latency.P50, x.Latency.P95, x.Latency.P99, x.Errors)
	}
	if r.Built != nil {
		fmt.Fprintf(&b, "\n%s\n", r.builtLine())
	}
	fmt.Fprintf(&b, "\nServer peak memory (VmHWM): **%.1f MB**.\n\n| floor | limit | measured | met |\n|---|---|---|---|\n", r.PeakRSS)
	for _, f := range r.Floors {
		met := "yes"
		if !f.Met {
			met = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", f.What, f.Limit, f.Measured, met)
	}
	return b.String()
}

// Markers delimit the generated part of docs/benchmarks.md.
const (
	beginMarker = "<!-- bench:results:begin -->"
	endMarker   = "<!-- bench:results:end -->"
)

// UpdateMarkdown replaces the part of the file at path between the markers with the report's
// tables, keeping the text around them; a file without markers gets them appended.
func (r *Report) UpdateMarkdown(path string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	s := string(old)
	section := beginMarker + "\n" + r.Markdown() + endMarker
	i, j := strings.Index(s, beginMarker), strings.Index(s, endMarker)
	if i >= 0 && j > i {
		s = s[:i] + section + s[j+len(endMarker):]
	} else {
		s += "\n" + section + "\n"
	}
	return os.WriteFile(path, []byte(s), 0o644)
}

// builtLine says what the dashboard costs when nothing is kept (not a floor).
func (r *Report) builtLine() string {
	p := r.Built
	return fmt.Sprintf("Dashboard built on every request (PAGE_CACHE_MB=0, a server of its own; what a request after a change costs, not a floor): "+
		"p50 %.2f, p95 %.2f, p99 %.2f ms at %.0f req/s, %d errors; capacity %.0f req/s; RSS %.1f MB.",
		p.Fixed.Latency.P50, p.Fixed.Latency.P95, p.Fixed.Latency.P99, p.Fixed.Rate, p.Fixed.Errors+p.Capacity.Errors,
		p.Capacity.Throughput, p.RSS)
}

// Text is the report's main table and its ratios for a terminal.
func (r *Report) Text() string {
	var b strings.Builder
	for _, p := range r.Pages {
		fmt.Fprintf(&b, "%-12s %-4s %-36s p50 %7.2f  p95 %7.2f  p99 %7.2f ms at %4.0f req/s  capacity %7.0f req/s = %.3f × /healthz\n",
			p.Name, p.Method, p.Path, p.Fixed.Latency.P50, p.Fixed.Latency.P95, p.Fixed.Latency.P99, p.Fixed.Rate,
			p.Capacity.Throughput, p.Ratio)
	}
	fmt.Fprintf(&b, "dashboard knee: %s with p99 ≤ %.0f ms; server peak memory %.1f MB\n", r.Knee.String(), r.Knee.P99Limit, r.PeakRSS)
	if r.Built != nil {
		fmt.Fprintf(&b, "%s\n", r.builtLine())
	}
	for _, f := range r.Floors {
		met := "met"
		if !f.Met {
			met = "MISSED"
		}
		fmt.Fprintf(&b, "floor %-6s %s: %s (%s)\n", met, f.What, f.Measured, f.Limit)
	}
	return b.String()
}
