package dbtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/internal/store"
)

// NewSeeded returns a pool on a fresh database that holds both seed documents (see
// importer.LoadSeeds), cloned from a template that is migrated and loaded once. The template is
// named after the seed documents' contents, so a changed seed file gets a new template.
func NewSeeded(t testing.TB) *pgxpool.Pool {
	t.Helper()
	hash, err := seedsHash()
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return NewFrom(t, Preparer{Name: "seeded_" + hash, Prepare: loadSeeds})
}

func loadSeeds(ctx context.Context, st *store.Store) error {
	loaded, err := importer.LoadSeeds(ctx, st)
	if err != nil {
		return err
	}
	docs, err := importer.Seeds()
	if err != nil {
		return err
	}
	if len(loaded) != len(docs) {
		return fmt.Errorf("loaded %d of %d seed documents: %v", len(loaded), len(docs), loaded)
	}
	return nil
}

// seedsHash is a short hash of the parsed seed documents. The documents are hashed as JSON,
// which has no pointers and writes maps in key order, so the hash is stable.
var seedsHash = sync.OnceValues(func() (string, error) {
	docs, err := importer.Seeds()
	if err != nil {
		return "", fmt.Errorf("read seeds: %w", err)
	}
	b, err := json.Marshal(docs)
	if err != nil {
		return "", fmt.Errorf("hash seeds: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:10], nil
})
