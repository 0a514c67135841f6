// Package bench measures Sporbar under load: an open-loop load generator (Open), a closed-loop
// capacity probe (Saturate), and the benchmark of issue 10 (Benchmark), which starts the
// server against the national data set, runs the scenarios and writes the report.
//
// Open-loop means request i of a stream is due at start + i/rate whatever happened to the
// requests before it, and its latency is measured from that due time. A server that falls
// behind therefore shows its queue in the latencies instead of slowing the generator down
// (the "coordinated omission" of closed-loop tools).
package bench

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Stream is one kind of request offered at a fixed rate. Its requests are sent in turn
// (request i is Requests[i % len(Requests)]), so a stream may spread over several pages or
// signed-in users.
type Stream struct {
	Name     string
	Requests []Request
	Rate     float64 // requests per second; Open needs it > 0, Saturate ignores it
	Expect   int     // the status of a good response; anything else counts as an error
}

// Options bound a run. The zero values of Workers, Timeout and MaxRequests choose defaults.
type Options struct {
	Addr        string        // host:port of the server: a loopback address only
	Duration    time.Duration // how long requests are scheduled (Open) or sent (Saturate)
	MaxRequests int           // at most this many requests per stream; 0: 1 000 000 (Open), 500 000 (Saturate)
	Workers     int           // Open: requests in flight per stream at most; Saturate: connections
	Timeout     time.Duration // one request's limit, 10 s when 0
}

// Result is what one stream measured.
type Result struct {
	Name       string  `json:"name"`
	Rate       float64 `json:"offered_rate,omitempty"` // requests per second offered (Open)
	Sent       int     `json:"requests"`
	Errors     int     `json:"errors"`
	Throughput float64 `json:"throughput_rps"` // good responses per second, up to the last one
	Latency    Latency `json:"latency"`
	MeanBytes  int64   `json:"mean_body_bytes"`
	FirstError string  `json:"first_error,omitempty"`
}

// maxRequests is the default cap on one stream's requests.
const maxRequests = 1_000_000

// CheckLoopback returns an error unless addr is host:port with host a loopback address or
// "localhost": the generator is only ever pointed at a server on this machine.
func CheckLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("address %q is not a loopback address; the load generator only targets this machine", addr)
	}
	return nil
}

func (o Options) check(streams []Stream) (Options, error) {
	if err := CheckLoopback(o.Addr); err != nil {
		return o, err
	}
	if o.Duration <= 0 || o.Duration > time.Hour {
		return o, fmt.Errorf("duration %v: want more than 0 and at most an hour", o.Duration)
	}
	if o.MaxRequests <= 0 || o.MaxRequests > maxRequests {
		o.MaxRequests = maxRequests
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	for _, s := range streams {
		if len(s.Requests) == 0 {
			return o, fmt.Errorf("stream %s: no requests", s.Name)
		}
	}
	return o, nil
}

// recorder collects one stream's outcomes; lat[i] is request i's latency, or -1 for an error.
type recorder struct {
	lat      []time.Duration
	errs     atomic.Int64
	bytes    atomic.Int64
	lastDone atomic.Int64 // nanoseconds after the start of the last good response
	errOnce  sync.Once
	firstErr string
}

func (r *recorder) fail(i int, err error) {
	r.lat[i] = -1
	r.errs.Add(1)
	r.errOnce.Do(func() { r.firstErr = err.Error() })
}

func (r *recorder) ok(i int, lat time.Duration, n int64, doneAt time.Duration) {
	r.lat[i] = lat
	r.bytes.Add(n)
	for {
		last := r.lastDone.Load()
		if int64(doneAt) <= last || r.lastDone.CompareAndSwap(last, int64(doneAt)) {
			return
		}
	}
}

// result summarises the first sent requests.
func (r *recorder) result(name string, rate float64, sent int) Result {
	good := make([]time.Duration, 0, sent)
	for _, d := range r.lat[:sent] {
		if d >= 0 {
			good = append(good, d)
		}
	}
	res := Result{Name: name, Rate: rate, Sent: sent, Errors: sent - len(good), Latency: Summarise(good),
		FirstError: r.firstErr}
	if len(good) > 0 {
		res.MeanBytes = r.bytes.Load() / int64(len(good))
	}
	if last := time.Duration(r.lastDone.Load()); last > 0 {
		res.Throughput = float64(len(good)) / last.Seconds()
	}
	return res
}

// send sends req on a pooled connection and records the outcome as request i, due at due.
func send(p *connPool, rec *recorder, i int, req Request, expect int, start, due time.Time, timeout time.Duration) {
	c, err := p.get()
	if err != nil {
		rec.fail(i, err)
		return
	}
	status, n, keep, err := c.do(req, time.Now().Add(timeout))
	now := time.Now()
	if keep {
		p.put(c)
	} else {
		c.close()
	}
	switch {
	case err != nil:
		rec.fail(i, err)
	case status != expect:
		rec.fail(i, fmt.Errorf("status %d, want %d", status, expect))
	default:
		rec.ok(i, now.Sub(due), n, now.Sub(start))
	}
}

// connPool keeps idle keep-alive connections to one address and dials when none is idle.
type connPool struct {
	addr    string
	timeout time.Duration
	idle    chan *client
}

func newConnPool(addr string, size int, timeout time.Duration) *connPool {
	return &connPool{addr: addr, timeout: timeout, idle: make(chan *client, size)}
}

func (p *connPool) get() (*client, error) {
	select {
	case c := <-p.idle:
		return c, nil
	default:
		return dial(p.addr, p.timeout)
	}
}

func (p *connPool) put(c *client) {
	select {
	case p.idle <- c:
	default:
		c.close()
	}
}

func (p *connPool) closeAll() {
	for {
		select {
		case c := <-p.idle:
			c.close()
		default:
			return
		}
	}
}

// errNotSent marks a request the run ended before sending.
var errNotSent = errors.New("not sent before the run ended")
