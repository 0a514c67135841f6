// Command loadgen measures Sporbar under load.
//
//	loadgen [flags] URL     offer requests to URL at a fixed rate (open loop) and print the latencies
//	loadgen bench [flags]   the benchmark of issue 10: start Sporbar against the national data set,
//	                        run every scenario and write docs/benchmarks/results.json and docs/benchmarks.md
//	loadgen db fresh        drop and create DATABASE_URL's database (through ADMIN_URL), for make bench-data
//	loadgen db check        exit 0 if DATABASE_URL's database holds the data set, 3 if not
//
// Only loopback addresses are accepted. `loadgen -h` and `loadgen bench -h` list the flags.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
