package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/bench"
)

// run is loadgen without the process globals; it returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) > 0 && args[0] == "bench":
		err = runBench(ctx, args[1:], getenv, stdout, stderr)
	case len(args) > 0 && args[0] == "db":
		err = runDB(ctx, args[1:], getenv, stdout)
	default:
		err = runLoad(ctx, args, stdout, stderr)
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		if err != errUsage { // a message of its own; flag has printed the others
			fmt.Fprintln(stderr, "loadgen:", err)
		}
		return 2
	case errors.Is(err, errNoData):
		fmt.Fprintln(stderr, "loadgen:", err)
		return 3
	case err != nil:
		fmt.Fprintln(stderr, "loadgen:", err)
		return 1
	}
	return 0
}

// errUsage marks a command line that could not be understood (flag has said why).
var errUsage = errors.New("usage")

// headers is a repeatable -H flag.
type headers []string

func (h *headers) String() string { return strings.Join(*h, ", ") }

func (h *headers) Set(v string) error {
	if !strings.Contains(v, ":") {
		return fmt.Errorf("header %q: want \"Name: value\"", v)
	}
	*h = append(*h, v)
	return nil
}

// runLoad offers one URL at a fixed rate (or, with -saturate, as fast as -c connections allow).
func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: loadgen [flags] http://127.0.0.1:PORT/path\n       loadgen bench [flags]\n\nflags:")
		fs.PrintDefaults()
	}
	rate := fs.Float64("rate", 100, "requests per second (open loop: request i is due at start + i/rate)")
	duration := fs.Duration("duration", 10*time.Second, "how long to offer requests")
	limit := fs.Int("n", 0, "at most this many requests (0: rate × duration)")
	method := fs.String("method", "GET", "the request method")
	body := fs.String("body", "", "the request body (POST); sent as a form unless -H sets Content-Type")
	expect := fs.Int("expect", 200, "the status of a good response")
	saturate := fs.Bool("saturate", false, "closed loop: send as fast as -c connections allow and report the throughput")
	workers := fs.Int("c", 0, "requests in flight at most (open loop) or connections (-saturate); 0: a default")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	var hs headers
	fs.Var(&hs, "H", "a request header \"Name: value\" (repeatable), e.g. -H 'Cookie: sporbar_session=…'")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	u, err := url.Parse(fs.Arg(0))
	if err != nil || u.Scheme != "http" || u.Port() == "" {
		return fmt.Errorf("URL %q: want http://host:port/path", fs.Arg(0))
	}
	if *body != "" && !hasHeader(hs, "Content-Type") {
		hs = append(hs, "Content-Type: application/x-www-form-urlencoded")
	}
	s := bench.Stream{Name: u.RequestURI(), Rate: *rate, Expect: *expect,
		Requests: []bench.Request{bench.NewRequest(strings.ToUpper(*method), u.Host, u.RequestURI(), hs, *body)}}
	opt := bench.Options{Addr: u.Host, Duration: *duration, MaxRequests: *limit, Workers: *workers}
	var res bench.Result
	if *saturate {
		res, err = bench.Saturate(ctx, opt, s)
	} else {
		var rs []bench.Result
		if rs, err = bench.Open(ctx, opt, s); err == nil {
			res = rs[0]
		}
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintln(stdout, bench.FormatResult(res))
	return nil
}

func hasHeader(hs []string, name string) bool {
	for _, h := range hs {
		if n, _, _ := strings.Cut(h, ":"); strings.EqualFold(strings.TrimSpace(n), name) {
			return true
		}
	}
	return false
}
