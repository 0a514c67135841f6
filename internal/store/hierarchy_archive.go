package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// Archiving and deleting items of the hierarchy.

// ArchiveItem archives a current item at version: it leaves the current views but stays in the
// history and in the agreements that hold it. Its siblings are renumbered.
func (s *Store) ArchiveItem(ctx context.Context, actorID *int64, lv Level, id int64, version int32) error {
	return s.archive(ctx, actorID, lv, id, version, true)
}

// ArchiveAsIs archives as ArchiveItem does but leaves the siblings' numbers as they are (an
// import sets them itself).
func (s *Store) ArchiveAsIs(ctx context.Context, actorID *int64, lv Level, id int64, version int32) error {
	return s.archive(ctx, actorID, lv, id, version, false)
}

func (s *Store) archive(ctx context.Context, actorID *int64, lv Level, id int64, version int32, renumber bool) error {
	l := levels[lv]
	return s.InTx(ctx, func(tx *Store) error {
		var title string
		err := tx.db.QueryRow(ctx, `UPDATE `+l.table+` SET archived_at = now(), updated_at = now(), version = version + 1
			WHERE id = $1 AND version = $2 AND archived_at IS NULL RETURNING `+l.title, id, version).Scan(&title)
		if err != nil {
			return conflictOr("archive "+l.entity, err)
		}
		if err := tx.Record(ctx, actorID, lv, domain.AuditArchive, id, title, nil); err != nil {
			return err
		}
		if !renumber || lv == LevelActionPlan {
			return nil
		}
		return tx.renumber(ctx, actorID, lv, id)
	})
}

// DeleteItem deletes an item at version that nothing holds: no children (current or archived),
// no links and no history. Otherwise it deletes nothing and returns an *InUseError that says
// what holds the item. The history keeps a row saying the item was deleted.
func (s *Store) DeleteItem(ctx context.Context, actorID int64, lv Level, id int64, version int32) error {
	l := levels[lv]
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.lockVersion(ctx, lv, id, version); err != nil {
			return err
		}
		holds, err := tx.Holds(ctx, lv, id)
		if err != nil {
			return err
		}
		if len(holds) > 0 {
			return &InUseError{Holds: holds}
		}
		var title string
		var orgID int64
		if err := tx.db.QueryRow(ctx, `SELECT x.`+l.title+`, `+l.org+` FROM `+l.table+` x WHERE x.id = $1`, id).
			Scan(&title, &orgID); err != nil {
			return wrap("delete "+l.entity, err)
		}
		// The siblings are found first: afterwards there is no item to find them by.
		rows, err := tx.siblings(ctx, lv, id)
		if err != nil {
			return err
		}
		trackID, err := tx.generalTrack(ctx, lv, id)
		if err != nil {
			return err
		}
		if _, err := tx.db.Exec(ctx, `DELETE FROM `+l.table+` WHERE id = $1`, id); err != nil {
			return wrap("delete "+l.entity, err)
		}
		if err := tx.Audit(ctx, domain.AuditEntry{OrganisationID: orgID, ActorID: &actorID, Action: domain.AuditDelete,
			Entity: l.entity, EntityID: id, Title: title}); err != nil {
			return err
		}
		rest := rows[:0]
		for _, r := range rows {
			if r.ID != id {
				rest = append(rest, r)
			}
		}
		if lv == LevelGeneral {
			return tx.renumberGenerals(ctx, &actorID, trackID, 0, 0)
		}
		return tx.setOrder(ctx, &actorID, lv, rest, l.first())
	})
}
