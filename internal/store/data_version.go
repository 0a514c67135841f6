package store

import (
	"context"
	"fmt"
	"slices"
)

// An organisation's data version (organisations.data_version) grows with every committed
// change to what its pages show, so that a page built from the organisation's data can be
// kept and shown again for as long as the version stands still (the samlet skema is, see
// internal/server/pagecache.go).
//
// The contract: every change to an organisation's content writes an audit row through Audit,
// and Audit marks the organisation changed. In a transaction the version is bumped once per
// organisation just before the commit, in the same transaction as the change, so that the row
// of organisations is locked only for the commit and a reader never sees the new version with
// the old data. Outside a transaction Audit bumps it at once, after the change.
// A change that writes no audit row but alters what pages show calls MarkChanged.

// changedOrganisations collects the organisations a transaction changed.
type changedOrganisations struct{ ids []int64 }

// add notes orgID (once).
func (c *changedOrganisations) add(orgID int64) {
	if !slices.Contains(c.ids, orgID) {
		c.ids = append(c.ids, orgID)
	}
}

// bump raises the data version of every organisation noted, in one statement.
func (c *changedOrganisations) bump(ctx context.Context, db dbtx) error {
	if len(c.ids) == 0 {
		return nil
	}
	return bumpDataVersions(ctx, db, c.ids)
}

// bumpDataVersions raises the data version of the organisations ids.
func bumpDataVersions(ctx context.Context, db dbtx, ids []int64) error {
	if _, err := db.Exec(ctx, `UPDATE organisations SET data_version = data_version + 1 WHERE id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("bump data version: %w", err)
	}
	return nil
}

// MarkChanged records that the organisation's content changed: at the commit of the
// transaction s is in, or at once outside one.
func (s *Store) MarkChanged(ctx context.Context, orgID int64) error {
	if s.changed != nil {
		s.changed.add(orgID)
		return nil
	}
	return bumpDataVersions(ctx, s.db, []int64{orgID})
}
