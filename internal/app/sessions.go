package app

import (
	"context"
	"fmt"
	"io"

	"github.com/sporbar/sporbar/internal/store"
)

// sessions runs `sessions clear`: everyone is signed out. Meant for after a restore from
// backup, whose sessions (and the cookies that name them) must not come back to life.
func sessions(ctx context.Context, st *store.Store, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "clear" {
		return fmt.Errorf("sessions kræver clear: %w", errUsage)
	}
	n, err := st.DeleteAllSessions(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d session(er) slettet; alle skal logge ind igen\n", n)
	return nil
}
