// Command devdb runs a private PostgreSQL cluster for development (see package pgdev) and,
// optionally, a command that uses it:
//
//	devdb [-dir .data/postgres] [-port 54329] [-fast] [-db sporbar] [-env NAME[=db]]... [-- command args...]
//
// It starts the cluster (or reuses a server already running for -dir), creates the
// database -db if missing, and sets each -env variable (default DATABASE_URL) to that
// database's URL; -env NAME=other points NAME at database "other" instead, also created
// if missing. It then runs the command with stdin, stdout and stderr attached, waits for
// it, stops the server and exits with the command's exit status (128+n if it died of
// signal n). Without a command it prints the URLs and waits for Ctrl-C.
//
// Signals: SIGINT, SIGHUP and SIGQUIT from the terminal reach the command directly (it
// shares devdb's process group), so devdb forwards them only when it is not in the
// terminal's foreground, or when one arrives a second time; SIGTERM is always forwarded.
// postgres runs in a process group of its own and is stopped by devdb once the command
// has exited. devdb -stop stops a server left running for -dir and exits.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args, os.Environ(), os.Stdin, os.Stdout, os.Stderr))
}
