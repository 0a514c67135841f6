package store

import (
	"context"
	"fmt"
)

// The data versions (data_version.go) can only be trusted while every change goes through
// Sporbar's writers. After a restore from a backup the versions go back to what they were when
// the backup was taken, and a change made with bare SQL does not move them: a samlet skema
// kept by a running instance could then be shown for data it was not built from. Two ways out:
//
//   - ResetDataVersions (`sporbar cache reset`) moves every organisation's version past any it
//     can have had: to the current time in microseconds since 1970, unless the version is
//     higher already. The ordinary bumps count by one from there, far below the next reset.
//   - CheckRestored (at `sporbar serve`'s start) sees that the database was restored or
//     copied (migrations/00013_restore_marks.sql) and then resets as above.

// resetDataVersionsSQL moves every organisation's data version on (see above).
const resetDataVersionsSQL = `UPDATE organisations
	SET data_version = GREATEST(data_version + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)`

// ResetDataVersions moves every organisation's data version past any it can have had and
// returns how many organisations there are. Every instance then builds its kept pages anew.
func (s *Store) ResetDataVersions(ctx context.Context) (int64, error) {
	tag, err := s.db.Exec(ctx, resetDataVersionsSQL)
	if err != nil {
		return 0, fmt.Errorf("reset data versions: %w", err)
	}
	return tag.RowsAffected(), nil
}

// CheckRestored reports whether the database was restored or copied since Sporbar last
// looked, and if so resets the data versions (ResetDataVersions) and remembers what it saw,
// in one transaction: of instances starting at once, one resets.
func (s *Store) CheckRestored(ctx context.Context) (restored bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		var now, seen string
		if err := tx.db.QueryRow(ctx, `SELECT a.xmin::text || ':' || d.oid::text, s.value
			FROM restore_marks a, restore_marks s, pg_database d
			WHERE a.name = 'anchor' AND s.name = 'seen' AND d.datname = current_database()
			FOR UPDATE OF s`).Scan(&now, &seen); err != nil {
			return fmt.Errorf("read restore marks: %w", err)
		}
		if now == seen {
			return nil
		}
		restored = true
		if _, err := tx.ResetDataVersions(ctx); err != nil {
			return err
		}
		if _, err := tx.db.Exec(ctx, `UPDATE restore_marks SET value = $1 WHERE name = 'seen'`, now); err != nil {
			return fmt.Errorf("remember restore marks: %w", err)
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("check restored: %w", err)
	}
	return restored, nil
}
