// Command loadgen measures Sporbar under load.
//
//	loadgen [flags] URL     offer requests to URL at a fixed rate (open loop) and print the latencies
//	loadgen bench [flags]   the benchmark of issue 10: start Sporbar against the national data set,
//	                        run every scenario and write docs/benchmarks/results.json and docs/benchmarks.md
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
