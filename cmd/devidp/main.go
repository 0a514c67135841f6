// Command devidp starts the test identity providers (internal/ssotest) beside a development
// Sporbar: `make run-sso`, or `devidp [-op ADDR] [-saml ADDR] [-org SLUG] [-- command …]`.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/sporbar/sporbar/internal/ssotest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := ssotest.RunDev(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "devidp:", err)
		os.Exit(1)
	}
}
