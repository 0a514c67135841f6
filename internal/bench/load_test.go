package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestSummarise(t *testing.T) {
	t.Parallel()
	var samples []time.Duration
	for i := 100; i >= 1; i-- { // 1 … 100 ms, unsorted
		samples = append(samples, time.Duration(i)*time.Millisecond)
	}
	got := Summarise(samples)
	want := Latency{P50: 50, P95: 95, P99: 99, Max: 100, Mean: 50.5}
	if got != want {
		t.Errorf("Summarise = %+v, want %+v", got, want)
	}
	if got := Summarise([]time.Duration{3 * time.Millisecond}); got.P99 != 3 || got.P50 != 3 {
		t.Errorf("one sample: %+v", got)
	}
	if got := Summarise(nil); got != (Latency{}) {
		t.Errorf("no samples: %+v", got)
	}
}

func TestCheckLoopback(t *testing.T) {
	t.Parallel()
	for addr, ok := range map[string]bool{"127.0.0.1:80": true, "[::1]:8080": true, "localhost:1": true,
		"127.1.2.3:9": true, "10.0.0.1:80": false, "example.org:80": false, "127.0.0.1": false} {
		if err := CheckLoopback(addr); (err == nil) != ok {
			t.Errorf("CheckLoopback(%q) = %v", addr, err)
		}
	}
}

// TestClient reads the responses Go's server sends: small bodies with a length, large ones
// chunked, no body, and Connection: close.
func TestClient(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 100_000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/small":
			io.WriteString(w, "hello")
		case "/big": // no Content-Length: net/http chunks it
			for i := 0; i < len(big); i += 10_000 {
				io.WriteString(w, big[i:i+10_000])
				w.(http.Flusher).Flush()
			}
		case "/post":
			b, _ := io.ReadAll(r.Body)
			http.Redirect(w, r, "/to?"+string(b), http.StatusSeeOther)
		case "/close":
			w.Header().Set("Connection", "close")
			io.WriteString(w, "bye")
		}
	}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	c, err := dial(addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	for _, tt := range []struct {
		req    Request
		status int
		n      int64
		keep   bool
	}{
		{NewRequest("GET", addr, "/small", nil, ""), 200, 5, true},
		{NewRequest("GET", addr, "/big", nil, ""), 200, int64(len(big)), true},
		{NewRequest("POST", addr, "/post", []string{"Content-Type: text/plain"}, "a=1"), 303, 0, true},
		{NewRequest("GET", addr, "/small", nil, ""), 200, 5, true},
		{NewRequest("GET", addr, "/close", nil, ""), 200, 3, false},
	} {
		status, n, keep, err := c.do(tt.req, time.Now().Add(5*time.Second))
		if err != nil || status != tt.status || n != tt.n || keep != tt.keep {
			t.Errorf("%q: status %d, %d bytes, keep %v, err %v; want %d, %d, %v",
				strings.SplitN(string(tt.req.raw), "\r\n", 2)[0], status, n, keep, err, tt.status, tt.n, tt.keep)
		}
	}
}

// TestOpen checks the open loop: the requests go out at the rate whatever the server does,
// and a slow server's queue shows in the latencies.
func TestOpen(t *testing.T) {
	t.Parallel()
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.URL.Path == "/slow" {
			time.Sleep(20 * time.Millisecond)
		}
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	get := func(path string, rate float64) Stream {
		return Stream{Name: path, Rate: rate, Expect: 200, Requests: []Request{NewRequest("GET", addr, path, nil, "")}}
	}
	start := time.Now()
	res, err := Open(context.Background(), Options{Addr: addr, Duration: 500 * time.Millisecond},
		get("/fast", 200), get("/missing", 20))
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 450*time.Millisecond || d > 3*time.Second {
		t.Errorf("the run took %v, want about 500 ms", d)
	}
	fast, missing := res[0], res[1]
	if fast.Sent != 100 || fast.Errors != 0 || fast.Throughput < 150 || fast.Throughput > 250 {
		t.Errorf("fast: %s", FormatResult(fast))
	}
	if missing.Sent != 10 || missing.Errors != 10 || !strings.Contains(missing.FirstError, "404") {
		t.Errorf("missing: %s", FormatResult(missing))
	}
	if got := served.Load(); got != 110 {
		t.Errorf("the server saw %d requests, want 110", got)
	}

	// One worker and 20 ms per request at 200/s: the queue grows by 3 requests every 20 ms,
	// and the open loop charges it to the latencies.
	res, err = Open(context.Background(), Options{Addr: addr, Duration: 200 * time.Millisecond, Workers: 1}, get("/slow", 200))
	if err != nil {
		t.Fatal(err)
	}
	if l := res[0].Latency; res[0].Sent != 40 || l.Max < 500 || l.P50 < 200 {
		t.Errorf("slow: %s; want the queue's wait in the latencies", FormatResult(res[0]))
	}
}

func TestSaturate(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	res, err := Saturate(context.Background(), Options{Addr: addr, Duration: 200 * time.Millisecond, Workers: 2},
		Stream{Name: "ok", Expect: 200, Requests: []Request{NewRequest("GET", addr, "/", nil, "")}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors != 0 || res.Sent < 100 || res.Throughput < 500 {
		t.Errorf("saturate: %s", FormatResult(res))
	}
	if _, err := Saturate(context.Background(), Options{Addr: "192.0.2.1:80", Duration: time.Second},
		Stream{Requests: []Request{{}}}); err == nil {
		t.Error("a non-loopback address was accepted")
	}
}
