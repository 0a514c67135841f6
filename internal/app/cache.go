package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/sporbar/sporbar/internal/store"
)

// cacheCmd runs `cache reset`: every organisation's data version moves past any it had, so
// every running instance builds its kept samlet skemaer anew (store.ResetDataVersions). For
// after a restore from a backup and after changes made with bare SQL.
func cacheCmd(ctx context.Context, st *store.Store, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "reset" {
		return fmt.Errorf("cache kræver reset: %w", errUsage)
	}
	n, err := st.ResetDataVersions(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Dataversionen er flyttet frem for %d organisation(er); alle instanser bygger deres gemte skemaer igen.\n", n)
	return nil
}

// checkRestored resets the data versions when the database was restored or copied since
// Sporbar last started on it (store.CheckRestored).
func checkRestored(ctx context.Context, st *store.Store, log *slog.Logger) error {
	restored, err := st.CheckRestored(ctx)
	if err != nil {
		return err
	}
	if restored {
		log.Info("the database was restored or copied: every organisation's data version moved on, kept pages are built anew")
	}
	return nil
}
