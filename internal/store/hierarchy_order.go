package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/sporbar/sporbar/internal/domain"
)

// The order of an item among its siblings: moving, renumbering after a change.

// orderRow is an item among its siblings.
type orderRow struct {
	ID    int64
	Order int32
	Title string
}

// siblings returns the current items of id's group (id itself included when current), in order.
func (s *Store) siblings(ctx context.Context, lv Level, id int64) ([]orderRow, error) {
	l := levels[lv]
	return list[orderRow](ctx, s.db, "siblings of "+l.entity, `
		SELECT y.id, y.`+l.order+` AS "order", y.`+l.title+` AS title
		FROM `+l.table+` x JOIN `+l.table+` y ON `+l.siblings+`
		WHERE x.id = $1 AND y.archived_at IS NULL ORDER BY y.`+l.order+`, y.id`, id)
}

// setOrder numbers rows in the order given, from the level's first number, and writes a
// history row for each item whose number changed. The unique rules on numbers are checked at
// commit, so the order of the updates does not matter.
func (s *Store) setOrder(ctx context.Context, actorID *int64, lv Level, rows []orderRow, first int32) error {
	l := levels[lv]
	if err := s.DeferConstraints(ctx); err != nil {
		return err
	}
	for i, r := range rows {
		n := first + int32(i)
		if r.Order == n {
			continue
		}
		if _, err := s.db.Exec(ctx, `UPDATE `+l.table+` SET `+l.order+` = $2, updated_at = now(), version = version + 1
			WHERE id = $1`, r.ID, n); err != nil {
			return wrap("renumber "+l.entity, err)
		}
		if lv == LevelGeneral {
			if err := s.renumberCodes(ctx, actorID, r.ID, r.Order, n); err != nil {
				return err
			}
		}
		change := map[string]domain.Change{l.orderLabel(): {Old: l.orderText(r.Order), New: l.orderText(n)}}
		if err := s.Record(ctx, actorID, lv, domain.AuditUpdate, r.ID, r.Title, change); err != nil {
			return err
		}
	}
	return nil
}

// renumber gives the current siblings of id (id included if current) consecutive numbers.
func (s *Store) renumber(ctx context.Context, actorID *int64, lv Level, id int64) error {
	if lv == LevelGeneral {
		trackID, err := s.generalTrack(ctx, lv, id)
		if err != nil {
			return err
		}
		return s.renumberGenerals(ctx, actorID, trackID, 0, 0)
	}
	rows, err := s.siblings(ctx, lv, id)
	if err != nil {
		return err
	}
	return s.setOrder(ctx, actorID, lv, rows, levels[lv].first())
}

// MoveItem moves a current item one place up (towards the first) or down among its siblings and
// renumbers them. An item already first (or last) stays where it is.
func (s *Store) MoveItem(ctx context.Context, actorID int64, lv Level, id int64, version int32, up bool) error {
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.lockVersion(ctx, lv, id, version); err != nil {
			return err
		}
		step := 1
		if up {
			step = -1
		}
		if lv == LevelGeneral {
			trackID, err := tx.generalTrack(ctx, lv, id)
			if err != nil {
				return err
			}
			return tx.renumberGenerals(ctx, &actorID, trackID, id, step)
		}
		rows, err := tx.siblings(ctx, lv, id)
		if err != nil {
			return err
		}
		swapWith(rows, id, step)
		return tx.setOrder(ctx, &actorID, lv, rows, levels[lv].first())
	})
}

// swapWith swaps the row with id and its neighbour step places away, if there is one.
func swapWith(rows []orderRow, id int64, step int) {
	for i, r := range rows {
		if r.ID == id {
			if j := i + step; j >= 0 && j < len(rows) {
				rows[i], rows[j] = rows[j], rows[i]
			}
			return
		}
	}
}

// SetPositions puts items of one group of a level numbered by position in the order of ids,
// with a history row for each that moved.
func (s *Store) SetPositions(ctx context.Context, actorID *int64, lv Level, ids []int64) error {
	l := levels[lv]
	rows, err := list[orderRow](ctx, s.db, "positions of "+l.entity, `SELECT id, position AS "order", `+l.title+` AS title
		FROM `+l.table+` WHERE id = ANY($1)`, ids)
	if err != nil {
		return err
	}
	byID := map[int64]orderRow{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	ordered := make([]orderRow, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			ordered = append(ordered, r)
		}
	}
	return s.setOrder(ctx, actorID, lv, ordered, 0)
}

// DeferConstraints makes the rules that keep numbers and names unique among current items wait
// until the transaction commits, so that a renumbering may pass through duplicates. Outside a
// transaction it does nothing.
func (s *Store) DeferConstraints(ctx context.Context) error {
	_, err := s.db.Exec(ctx, `SET CONSTRAINTS ALL DEFERRED`)
	return wrap("defer constraints", err)
}

// MoveItemTo moves a current item to number n among its current siblings (counted as the
// level counts: from 1 for numbers, from 0 for positions; out of range goes first or last) and
// renumbers them. General initiatives are moved with MoveItem.
func (s *Store) MoveItemTo(ctx context.Context, actorID int64, lv Level, id int64, n int32) error {
	return s.InTx(ctx, func(tx *Store) error {
		rows, err := tx.siblings(ctx, lv, id)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(rows, func(r orderRow) bool { return r.ID == id })
		if i < 0 {
			return fmt.Errorf("move %s: %w", levels[lv].entity, ErrConflict) // archived meanwhile
		}
		r := rows[i]
		rows = slices.Delete(rows, i, i+1)
		at := min(max(int(n-levels[lv].first()), 0), len(rows))
		rows = slices.Insert(rows, at, r)
		return tx.setOrder(ctx, &actorID, lv, rows, levels[lv].first())
	})
}
