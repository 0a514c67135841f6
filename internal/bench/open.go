package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Open offers every stream at its rate, all starting together, for opt.Duration: request i of
// a stream is due at start + i/rate and its latency runs from then to the end of its response,
// so time spent waiting for a free worker or connection counts too. At most opt.Workers
// requests of a stream are in flight (default rate × 200 ms, 8 to 512). A stream sends
// min(rate × duration, MaxRequests) requests; requests still unsent when the run's deadline
// (duration + timeout + 5 s) or ctx ends count as errors.
func Open(ctx context.Context, opt Options, streams ...Stream) ([]Result, error) {
	opt, err := opt.check(streams)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Duration+opt.Timeout+5*time.Second)
	defer cancel()
	type run struct {
		s    Stream
		n    int
		rec  *recorder
		pool *connPool
	}
	runs := make([]run, len(streams))
	for k, s := range streams {
		if s.Rate <= 0 {
			return nil, fmt.Errorf("stream %s: rate %v: want more than 0", s.Name, s.Rate)
		}
		n := min(int(s.Rate*opt.Duration.Seconds()), opt.MaxRequests)
		workers := opt.Workers
		if workers <= 0 {
			workers = min(max(int(s.Rate/5), 8), 512)
		}
		runs[k] = run{s: s, n: n, rec: &recorder{lat: make([]time.Duration, n)}, pool: newConnPool(opt.Addr, workers, opt.Timeout)}
	}
	start := time.Now().Add(20 * time.Millisecond) // every worker is waiting by then
	var wg sync.WaitGroup
	for _, r := range runs {
		var next atomic.Int64
		interval := float64(time.Second) / r.s.Rate
		workers := cap(r.pool.idle)
		for range workers {
			wg.Go(func() {
				timer := time.NewTimer(time.Hour)
				defer timer.Stop()
				for {
					i := int(next.Add(1) - 1)
					if i >= r.n {
						return
					}
					due := start.Add(time.Duration(float64(i) * interval))
					if d := time.Until(due); d > 0 {
						timer.Reset(d)
						select {
						case <-timer.C:
						case <-ctx.Done():
						}
					}
					if ctx.Err() != nil {
						r.rec.fail(i, errNotSent)
						continue
					}
					send(r.pool, r.rec, i, r.s.Requests[i%len(r.s.Requests)], r.s.Expect, start, due, opt.Timeout)
				}
			})
		}
	}
	wg.Wait()
	out := make([]Result, len(runs))
	for k, r := range runs {
		r.pool.closeAll()
		out[k] = r.rec.result(r.s.Name, r.s.Rate, r.n)
	}
	return out, nil
}

// Saturate sends the stream's requests as fast as opt.Workers connections (default 8) allow for
// opt.Duration (and at most opt.MaxRequests, 500 000 when 0), each connection waiting for its
// response before the next request (a closed loop), and reports the throughput reached: the
// server's capacity for these requests. Its latencies run from each request's send and hide
// queueing; use Open for latency.
func Saturate(ctx context.Context, opt Options, s Stream) (Result, error) {
	if opt.MaxRequests <= 0 {
		opt.MaxRequests = 500_000
	}
	opt, err := opt.check([]Stream{s})
	if err != nil {
		return Result{}, err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = 8
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Duration)
	defer cancel()
	rec := &recorder{lat: make([]time.Duration, opt.MaxRequests)}
	pool := newConnPool(opt.Addr, workers, opt.Timeout)
	defer pool.closeAll()
	var next atomic.Int64
	var sent atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= opt.MaxRequests {
					return
				}
				sent.Add(1)
				send(pool, rec, i, s.Requests[i%len(s.Requests)], s.Expect, start, time.Now(), opt.Timeout)
			}
		})
	}
	wg.Wait()
	n := int(min(sent.Load(), int64(opt.MaxRequests)))
	return rec.result(s.Name, 0, n), nil
}
