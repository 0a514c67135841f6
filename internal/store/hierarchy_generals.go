package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// The numbering of general initiatives, which differs between organisations: the kommune
// numbers them within each spor (1.1, 1.2, 2.1 …), the region through the whole strategy
// (indsatsområde 1–15), and the region's handleplan codes begin with their indsatsområde's
// number ("4-A"). Both are kept when general initiatives are added, moved, archived or deleted.

// generalTrack returns the track of a general initiative (0 for the other levels).
func (s *Store) generalTrack(ctx context.Context, lv Level, id int64) (int64, error) {
	if lv != LevelGeneral {
		return 0, nil
	}
	var trackID int64
	err := s.db.QueryRow(ctx, `SELECT track_id FROM initiatives WHERE id = $1`, id).Scan(&trackID)
	return trackID, notFoundOr("general initiative track", err)
}

// generalRow is a current general initiative of a strategy with its track.
type generalRow struct {
	orderRow
	TrackID int64
}

// strategyGenerals returns the current general initiatives of the strategy that holds trackID,
// by track number, then number.
func (s *Store) strategyGenerals(ctx context.Context, trackID int64) ([]generalRow, error) {
	return list[generalRow](ctx, s.db, "strategy generals", `
		SELECT i.id, i.number AS "order", i.title, i.track_id
		FROM initiatives i JOIN tracks t ON t.id = i.track_id
		WHERE t.strategy_id = (SELECT strategy_id FROM tracks WHERE id = $1)
		  AND i.kind = 'general' AND i.archived_at IS NULL AND t.archived_at IS NULL
		ORDER BY t.number, i.number, i.id`, trackID)
}

// byTrack splits rows (ordered by track) into one group per track.
func byTrack(rows []generalRow) [][]orderRow {
	var groups [][]orderRow
	for i, r := range rows {
		if i == 0 || r.TrackID != rows[i-1].TrackID {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], r.orderRow)
	}
	return groups
}

// throughout reports whether the groups are numbered through the strategy: each track's
// numbers continue after the previous track's, and some track after the first does not start
// at 1.
func throughout(groups [][]orderRow) bool {
	restarts := false
	for i := 1; i < len(groups); i++ {
		prev, cur := groups[i-1], groups[i]
		if cur[0].Order <= prev[len(prev)-1].Order {
			return false
		}
		if cur[0].Order > 1 {
			restarts = true
		}
	}
	return restarts
}

// GeneralsThroughout reports whether the strategy holding trackID numbers its general
// initiatives through the whole strategy rather than within each track.
func (s *Store) GeneralsThroughout(ctx context.Context, trackID int64) (bool, error) {
	rows, err := s.strategyGenerals(ctx, trackID)
	if err != nil {
		return false, err
	}
	return throughout(byTrack(rows)), nil
}

// renumberGenerals numbers the current general initiatives of the strategy holding trackID,
// after moving moveID (when not 0) step places within its track, the way the strategy numbers
// them (see throughout; a strategy numbered through keeps being so).
func (s *Store) renumberGenerals(ctx context.Context, actorID *int64, trackID, moveID int64, step int) error {
	rows, err := s.strategyGenerals(ctx, trackID)
	if err != nil {
		return err
	}
	groups := byTrack(rows)
	through := throughout(groups)
	return s.numberGenerals(ctx, actorID, groups, through, moveID, step)
}

// numberGenerals numbers the groups (one per track): through the strategy, or from 1 in each.
func (s *Store) numberGenerals(ctx context.Context, actorID *int64, groups [][]orderRow, through bool, moveID int64,
	step int) error {
	var all []orderRow
	for _, g := range groups {
		if moveID != 0 {
			swapWith(g, moveID, step)
		}
		if !through {
			if err := s.setOrder(ctx, actorID, LevelGeneral, g, 1); err != nil {
				return err
			}
		}
		all = append(all, g...)
	}
	if !through {
		return nil
	}
	return s.setOrder(ctx, actorID, LevelGeneral, all, 1)
}

// renumberCodes gives the action plans of the initiative whose code begins with its old number
// and a dash ("4-A") its new number ("3-A"), with a history row each.
func (s *Store) renumberCodes(ctx context.Context, actorID *int64, initiativeID int64, from, to int32) error {
	type renamed struct {
		ID                      int64
		Title, OldCode, NewCode string
	}
	rows, err := list[renamed](ctx, s.db, "renumber codes", `
		WITH old AS (SELECT id, code FROM action_plans
		             WHERE initiative_id = $1 AND code LIKE $2::int || '-%' FOR UPDATE)
		UPDATE action_plans a SET code = $3::int || substr(a.code, length($2::int::text) + 1),
		       updated_at = now(), version = a.version + 1
		FROM old WHERE a.id = old.id
		RETURNING a.id, a.title, old.code AS old_code, a.code AS new_code`, initiativeID, from, to)
	if err != nil || actorID == nil {
		return err
	}
	for _, r := range rows {
		ref, err := s.actionPlanRef(ctx, r.ID)
		if err != nil {
			return err
		}
		if err := s.auditItem(ctx, ref, *actorID, domain.AuditUpdate, domain.EntityActionPlan, r.ID, r.Title,
			map[string]domain.Change{"Nr.": {Old: r.OldCode, New: r.NewCode}}); err != nil {
			return err
		}
	}
	return nil
}
