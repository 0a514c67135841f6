package server_test

import (
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// A reader who repeats the samlet skema's address with a different junk parameter of 900 kB
// each time must not grow the server: the kept skema is keyed by the parsed filter alone, and
// its size counts keys. (Not parallel, so that the memory measured is this test's.)
func TestDashboardJunkQueryKeepsMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 1 GB over loopback")
	}
	ts := newMetricsServer(t)
	junk := strings.Repeat("x", 900<<10)
	path := "/org/" + kommune + "/oversigt"
	heapBefore, rssBefore := heapInUse(), residentMB(t)
	for i := range 1100 {
		resp, err := ts.client.Get(ts.srv.URL + path + "?x" + strconv.Itoa(i) + "=" + junk)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: status %d", i, resp.StatusCode)
		}
	}
	_, fams := ts.scrape(t, metricsToken)
	maxBytes := value(fams, "sporbar_page_cache_max_bytes", nil)
	bytes, entries := value(fams, "sporbar_page_cache_bytes", nil), value(fams, "sporbar_page_cache_entries", nil)
	hits := value(fams, "sporbar_page_cache_hits_total", nil)
	if bytes > maxBytes || entries != 1 || hits < 1099 {
		t.Errorf("after 1 100 junk queries the cache holds %.0f bytes in %.0f entries with %.0f hits; want at most %.0f bytes in 1 entry, 1 099 hits",
			bytes, entries, hits, maxBytes)
	}
	heapAfter := heapInUse()
	rss := residentMB(t)
	t.Logf("heap in use %d → %d MB; resident %d → %d MB", heapBefore>>20, heapAfter>>20, rssBefore, rss)
	if grown := int64(heapAfter) - int64(heapBefore); grown > 50<<20 {
		t.Errorf("the heap grew by %d MB over 1 100 junk queries, want under 50", grown>>20)
	}
	// Alone the test process (server and client) stays near 40 MB; earlier tests in the same
	// process may leave it larger, so the bound is on the growth.
	if rss-rssBefore > 100 {
		t.Errorf("the test process (server and client) grew from %d to %d MB resident, want under 100 MB of growth", rssBefore, rss)
	}
}

// heapInUse is the heap's size after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// residentMB is the process's resident memory (VmRSS) in MB.
func residentMB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				t.Fatalf("VmRSS %q: %v", v, err)
			}
			return kb >> 10
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}
