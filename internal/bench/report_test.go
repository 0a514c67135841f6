package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	t.Parallel()
	r := &Report{
		Pages: []Page{
			{Name: "healthz", Capacity: Result{Throughput: 10000}},
			{Name: "dashboard", Fixed: Result{Latency: Latency{P99: 20}}, Capacity: Result{Throughput: 1000}},
			{Name: "agreement", Fixed: Result{Latency: Latency{P99: 30}}, Capacity: Result{Throughput: 500}},
		},
		Mixed:   []Result{{Name: "mixed: status POST", Latency: Latency{P99: 10}, Errors: 1}},
		Knee:    Knee{P99Limit: 100, Rate: 1200, Capped: true},
		Built:   &Page{Name: "dashboard, built every time", Fixed: Result{Rate: 200, Latency: Latency{P99: 21}}, Capacity: Result{Throughput: 270}},
		PeakRSS: 150,
	}
	r.finish()
	if got := r.Pages[1].Ratio; got != 0.1 {
		t.Errorf("dashboard ratio %v, want 0.1", got)
	}
	met := map[string]bool{}
	for _, f := range r.Floors {
		met[f.What] = f.Met
	}
	for what, want := range map[string]bool{
		"fagchef dashboard at 200 req/s":                      true,
		"fagchef dashboard: rate before p99 passes 100 ms":    true,
		"agreement page at 200 req/s":                         false,
		"status update POST at 50 req/s mixed with the reads": false, // an error
		"server peak memory (VmHWM) over the whole run":       true,
	} {
		if got, ok := met[what]; !ok || got != want {
			t.Errorf("floor %q: met %v (judged: %v), want %v", what, got, ok, want)
		}
	}

	// The generated section replaces the old one and keeps the text around it.
	path := filepath.Join(t.TempDir(), "benchmarks.md")
	if err := os.WriteFile(path, []byte("# Title\n\n"+beginMarker+"\nold\n"+endMarker+"\n\nAfter.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := r.UpdateMarkdown(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	s := string(b)
	if !strings.HasPrefix(s, "# Title\n\n"+beginMarker) || !strings.HasSuffix(s, endMarker+"\n\nAfter.\n") ||
		strings.Contains(s, "old") || !strings.Contains(s, "| floor | limit | measured | met |") {
		t.Errorf("updated file:\n%s", s)
	}
	for _, want := range []string{"**≥ 1200 req/s (the highest rate tried", "Dashboard built on every request", "p99 21.00 ms at 200 req/s", "capacity 270 req/s"} {
		if !strings.Contains(s, want) {
			t.Errorf("the results lack %q:\n%s", want, s)
		}
	}
}
