package importer

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/sporbar/sporbar/internal/store"
)

// seedFS holds the transcriptions of the two source documents (see /work/shared/seeds).
//
//go:embed seed/*.yaml
var seedFS embed.FS

// Seeds parses the embedded seed documents, in file-name order.
func Seeds() ([]Document, error) {
	names, err := fs.Glob(seedFS, "seed/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("seeds: %w", err)
	}
	docs := make([]Document, 0, len(names))
	for _, name := range names {
		f, err := seedFS.Open(name)
		if err != nil {
			return nil, fmt.Errorf("seeds: %w", err)
		}
		doc, err := Parse(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("seeds: %s: %w", name, err)
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

// LoadSeeds loads every embedded seed document whose organisation is not yet in the database,
// each in its own transaction, and returns the names of the organisations it created.
func LoadSeeds(ctx context.Context, st *store.Store) (loaded []string, err error) {
	docs, err := Seeds()
	if err != nil {
		return nil, fmt.Errorf("load seeds: %w", err)
	}
	for _, doc := range docs {
		created, err := Load(ctx, st, doc)
		if err != nil {
			return loaded, fmt.Errorf("load seeds: %w", err)
		}
		if created {
			loaded = append(loaded, doc.Organisation.Name)
		}
	}
	return loaded, nil
}
