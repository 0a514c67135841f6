package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/domain"
)

// Adding and editing policies, objectives and goals (with the tracks that realise them). Each
// write runs in one transaction with its history row; an edit checks the stored version.

// stale is ErrConflict when the stored item is archived or no longer at version.
func stale(m domain.Meta, version int32, what string) error {
	if m.Version != version || m.ArchivedAt != nil {
		return fmt.Errorf("edit %s: %w", what, ErrConflict)
	}
	return nil
}

// appendOrder returns the order value after the current items that where selects ($1…).
func (s *Store) appendOrder(ctx context.Context, lv Level, where string, args ...any) (int32, error) {
	l := levels[lv]
	var n int32
	err := s.db.QueryRow(ctx, fmt.Sprintf(`SELECT COALESCE(max(%s) + 1, %d) FROM %s WHERE archived_at IS NULL AND %s`,
		l.order, l.first(), l.table, where), args...).Scan(&n)
	return n, wrap("next "+l.order, err)
}

// update runs the versioned UPDATE of item id (set is the assignments, with $2… for args) and
// records what changed between the old and new values. It returns the new version.
func (s *Store) update(ctx context.Context, actorID int64, lv Level, id int64, title string, old, new map[string]string,
	set string, args ...any) (int32, error) {
	l := levels[lv]
	var version int32
	err := s.db.QueryRow(ctx, `UPDATE `+l.table+` SET `+set+`, updated_at = now(), version = version + 1
		WHERE id = $1 RETURNING version`, append([]any{id}, args...)...).Scan(&version)
	if err != nil {
		return 0, wrap("edit "+l.entity, err)
	}
	if changes := domain.Diff(old, new); len(changes) > 0 {
		return version, s.Record(ctx, &actorID, lv, domain.AuditUpdate, id, title, changes)
	}
	return version, nil
}

// AddPolicy creates a policy after the organisation's current ones, with its history.
func (s *Store) AddPolicy(ctx context.Context, actorID int64, p domain.Policy) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if p.Position, err = tx.appendOrder(ctx, LevelPolicy, "organisation_id = $1", p.OrganisationID); err != nil {
			return err
		}
		if id, err = tx.CreatePolicy(ctx, p); err != nil {
			return err
		}
		return tx.Record(ctx, &actorID, LevelPolicy, domain.AuditCreate, id, p.Title, domain.Diff(nil, PolicyValues(p)))
	})
	return id, err
}

// UpdatePolicy saves the policy's kind, title, description and numbering if it is still at
// p.Version, and returns the new version.
func (s *Store) UpdatePolicy(ctx context.Context, actorID int64, p domain.Policy) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Policy](ctx, tx.db, "lock policy",
			`SELECT `+policyColumns+` FROM policies p WHERE p.id = $1 FOR UPDATE`, p.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, p.Version, "policy"); err != nil {
			return err
		}
		version, err = tx.update(ctx, actorID, LevelPolicy, p.ID, p.Title, PolicyValues(old), PolicyValues(p),
			`kind = $2, title = $3, description = $4, numbered = $5`, p.Kind, p.Title, p.Description, p.Numbered)
		return err
	})
	return version, err
}

// AddObjective creates an objective numbered after the policy's current ones, with its history.
func (s *Store) AddObjective(ctx context.Context, actorID int64, o domain.Objective) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if o.Number, err = tx.appendOrder(ctx, LevelObjective, "policy_id = $1", o.PolicyID); err != nil {
			return err
		}
		if id, err = tx.CreateObjective(ctx, o); err != nil {
			return err
		}
		return tx.Record(ctx, &actorID, LevelObjective, domain.AuditCreate, id, o.Title, domain.Diff(nil, ObjectiveValues(o)))
	})
	return id, err
}

// UpdateObjective saves the objective's number, title and description if it is still at
// o.Version. A number another current objective of the policy has is ErrConflict.
func (s *Store) UpdateObjective(ctx context.Context, actorID int64, o domain.Objective) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Objective](ctx, tx.db, "lock objective",
			`SELECT `+objectiveColumns+` FROM objectives o WHERE o.id = $1 FOR UPDATE`, o.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, o.Version, "objective"); err != nil {
			return err
		}
		version, err = tx.update(ctx, actorID, LevelObjective, o.ID, o.Title, ObjectiveValues(old), ObjectiveValues(o),
			`number = $2, title = $3, description = $4`, o.Number, o.Title, o.Description)
		return err
	})
	return version, err
}

// AddGoal creates a goal after the objective's current ones, realised through trackIDs, with
// its history.
func (s *Store) AddGoal(ctx context.Context, actorID int64, g domain.Goal, trackIDs []int64) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if g.Position, err = tx.appendOrder(ctx, LevelGoal, "objective_id = $1", g.ObjectiveID); err != nil {
			return err
		}
		if id, err = tx.CreateGoal(ctx, g); err != nil {
			return err
		}
		tracks, err := tx.setGoalTracks(ctx, id, trackIDs)
		if err != nil {
			return err
		}
		return tx.Record(ctx, &actorID, LevelGoal, domain.AuditCreate, id, g.Title, domain.Diff(nil, GoalValues(g, tracks)))
	})
	return id, err
}

// UpdateGoal saves the goal's title and description and the tracks that realise it if it is
// still at g.Version, and returns the new version.
func (s *Store) UpdateGoal(ctx context.Context, actorID int64, g domain.Goal, trackIDs []int64) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Goal](ctx, tx.db, "lock goal", `SELECT `+goalColumns+` FROM goals g WHERE g.id = $1 FOR UPDATE`, g.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, g.Version, "goal"); err != nil {
			return err
		}
		oldIDs, err := tx.GoalTrackIDs(ctx, g.ID)
		if err != nil {
			return err
		}
		before, err := tx.tracksText(ctx, oldIDs)
		if err != nil {
			return err
		}
		after, err := tx.setGoalTracks(ctx, g.ID, trackIDs)
		if err != nil {
			return err
		}
		version, err = tx.update(ctx, actorID, LevelGoal, g.ID, g.Title, GoalValues(old, before), GoalValues(g, after),
			`title = $2, description = $3`, g.Title, g.Description)
		return err
	})
	return version, err
}

// GoalTrackIDs returns the ids of the tracks (current or archived) linked to the goal, in order.
func (s *Store) GoalTrackIDs(ctx context.Context, goalID int64) ([]int64, error) {
	rows, _ := s.db.Query(ctx, `SELECT track_id FROM goal_tracks WHERE goal_id = $1 ORDER BY track_id`, goalID)
	ids, err := collectInt64s(rows)
	return ids, wrap("goal track ids", err)
}

// setGoalTracks makes trackIDs the goal's tracks and returns them as the history shows them.
func (s *Store) setGoalTracks(ctx context.Context, goalID int64, trackIDs []int64) (string, error) {
	if trackIDs == nil {
		trackIDs = []int64{} // nil would be NULL, which matches nothing
	}
	if _, err := s.db.Exec(ctx, `DELETE FROM goal_tracks WHERE goal_id = $1 AND NOT track_id = ANY($2)`,
		goalID, trackIDs); err != nil {
		return "", wrap("set goal tracks", err)
	}
	if _, err := s.db.Exec(ctx, `INSERT INTO goal_tracks (goal_id, track_id) SELECT $1, unnest($2::bigint[])
		ON CONFLICT DO NOTHING`, goalID, trackIDs); err != nil {
		return "", wrap("set goal tracks", err)
	}
	return s.tracksText(ctx, trackIDs)
}

// tracksText names the tracks by number in the strategies' order, e.g. "1, 4".
func (s *Store) tracksText(ctx context.Context, trackIDs []int64) (string, error) {
	if len(trackIDs) == 0 {
		return "", nil
	}
	rows, _ := s.db.Query(ctx, `SELECT t.number FROM tracks t JOIN strategies s ON s.id = t.strategy_id
		WHERE t.id = ANY($1) ORDER BY s.position, s.id, t.number`, trackIDs)
	numbers, err := collectInt32s(rows)
	if err != nil {
		return "", wrap("tracks text", err)
	}
	return TracksText(numbers), nil
}

func collectInt32s(rows pgx.Rows) ([]int32, error) {
	return pgx.CollectRows(rows, pgx.RowTo[int32])
}
