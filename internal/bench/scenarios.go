package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"
)

// runner runs the scenarios against one server.
type runner struct {
	cfg  Config
	addr string
	mem  *memSampler
	log  io.Writer
}

// pause lets the server's queues drain and its garbage be collected between runs.
const pause = time.Second

func (r runner) opts(d time.Duration) Options { return Options{Addr: r.addr, Duration: d} }

// warm sends each page for a second on two connections, so that PostgreSQL's caches and the
// server's prepared statements are warm before anything is measured.
func (r runner) warm(ctx context.Context, pages []page) error {
	for _, p := range pages {
		o := r.opts(time.Second)
		o.Workers = 2
		res, err := Saturate(ctx, o, p.stream())
		if err != nil {
			return err
		}
		if res.Errors > 0 {
			return fmt.Errorf("warming %s: %d errors, the first: %s", p.name, res.Errors, res.FirstError)
		}
	}
	logf(r.log, "warm: every page answered")
	return nil
}

// page measures p at its fixed rate (open loop) and then at capacity (closed loop).
func (r runner) page(ctx context.Context, p page) (Page, error) {
	out := Page{Name: p.name, Method: "GET", Path: p.path}
	if p.expect == 303 {
		out.Method = "POST"
	}
	r.mem.Window()
	fixed, err := Open(ctx, r.opts(r.cfg.Duration), p.stream())
	if err != nil {
		return out, err
	}
	out.Fixed = fixed[0]
	logf(r.log, "%s", FormatResult(out.Fixed))
	time.Sleep(pause)
	if out.Capacity, err = Saturate(ctx, r.opts(r.cfg.Capacity), p.stream()); err != nil {
		return out, err
	}
	out.Capacity.Name += " (capacity)"
	logf(r.log, "%s", FormatResult(out.Capacity))
	out.RSS = r.mem.Window()
	time.Sleep(pause)
	return out, ctx.Err()
}

// mixedReads are the reads the status update POST is mixed with; together they are offered
// at readRate, a third each.
var mixedReads = []string{"dashboard", "agreement", "action plan"}

// mixed offers the status update POST at postRate together with the reads of mixedReads.
func (r runner) mixed(ctx context.Context, pages []page) ([]Result, error) {
	var streams []Stream
	for _, p := range pages {
		s := p.stream()
		s.Name = "mixed: " + s.Name
		switch {
		case p.name == "status POST":
			streams = append(streams, s)
		case slices.Contains(mixedReads, p.name):
			s.Rate = readRate / float64(len(mixedReads))
			streams = append(streams, s)
		}
	}
	res, err := Open(ctx, r.opts(r.cfg.Duration), streams...)
	for _, x := range res {
		logf(r.log, "%s", FormatResult(x))
	}
	time.Sleep(pause)
	return res, err
}

// knee steps the dashboard's rate up from kneeStep by kneeStep until its p99 passes kneeP99
// (or a request fails, or the rate passes cfg.MaxKnee) and reports the highest rate that
// stayed within it.
func (r runner) knee(ctx context.Context, dashboard page) (Knee, error) {
	k := Knee{P99Limit: kneeP99}
	for rate := float64(kneeStep); rate <= r.cfg.MaxKnee; rate += kneeStep {
		s := dashboard.stream()
		s.Rate = rate
		s.Name = fmt.Sprintf("knee: dashboard @%.0f", rate)
		res, err := Open(ctx, r.opts(r.cfg.Step), s)
		if err != nil {
			return k, err
		}
		k.Steps = append(k.Steps, res[0])
		logf(r.log, "%s", FormatResult(res[0]))
		if res[0].Latency.P99 > kneeP99 || res[0].Errors > 0 {
			return k, ctx.Err()
		}
		k.Rate = rate
		time.Sleep(pause)
	}
	k.Capped = k.Rate > 0 // every step stayed within the limit: the knee lies beyond the search
	return k, ctx.Err()
}
