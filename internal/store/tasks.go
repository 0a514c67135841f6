package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

// "Mine opgaver": a leader's open items, what others did on them, and what the leader has read;
// and the fagchef's approval guarded against content that changed while they looked. Every
// function is one query (or one transaction), whatever the data.

// unitSubtree is a CTE "sub" of the unit $1 and every unit under it.
const unitSubtree = `WITH RECURSIVE sub(id) AS (
		SELECT id FROM units WHERE id = $1
		UNION
		SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)`

// TaskItem is a current initiative or action plan that is not implemented, for Mine opgaver:
// what it is, where it belongs, its deadline and its current status.
type TaskItem struct {
	Entity         string // domain.EntityInitiative or domain.EntityActionPlan
	ID             int64
	Kind           string // the initiative's kind; for an action plan, its initiative's
	Code           string // an action plan's code ("" for initiatives)
	Title          string
	ParentTitle    string     // the initiative an action plan or local initiative belongs under
	ScopeUnitID    int64      // the unit the item belongs to (its own, or its strategy's)
	UnitName       string     // that unit's name
	Deadline       *time.Time // an action plan's deadline or an initiative's end date
	FollowUpMonths int32      // the rhythm of the agreement of that unit (3 when none)
	domain.Status
}

// ListTaskItems returns the current, not implemented initiatives and action plans that belong
// to the unit or a unit under it (an initiative's unit is its own for a local one, its
// strategy's for a general one), by deadline (none last), unit and code. One query.
func (s *Store) ListTaskItems(ctx context.Context, unitID int64) ([]TaskItem, error) {
	return list[TaskItem](ctx, s.db, "list task items", unitSubtree+`,
	items AS (
		SELECT 'action_plan' AS entity, a.id, i.kind, a.code, a.title, i.title AS parent_title,
		       COALESCE(i.unit_id, st.unit_id) AS scope_unit_id, a.deadline, a.status_phase, a.status_health,
		       a.status_progress, a.status_as_of, a.status_updated_at
		FROM action_plans a
		JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id
		JOIN strategies st ON st.id = t.strategy_id
		WHERE a.archived_at IS NULL AND i.archived_at IS NULL
		UNION ALL
		SELECT 'initiative', i.id, i.kind, '', i.title, COALESCE(p.title, ''),
		       COALESCE(i.unit_id, st.unit_id), i.end_date, i.status_phase, i.status_health,
		       i.status_progress, i.status_as_of, i.status_updated_at
		FROM initiatives i
		LEFT JOIN initiatives p ON p.id = i.parent_id
		JOIN tracks t ON t.id = i.track_id
		JOIN strategies st ON st.id = t.strategy_id
		WHERE i.archived_at IS NULL)
	SELECT x.entity, x.id, x.kind, x.code, x.title, x.parent_title, x.scope_unit_id,
	       COALESCE(un.name, '') AS unit_name, x.deadline, COALESCE(fu.follow_up_months, 3) AS follow_up_months,
	       x.status_phase, x.status_health, x.status_progress, x.status_as_of, x.status_updated_at
	FROM items x
	JOIN units un ON un.id = x.scope_unit_id
	LEFT JOIN LATERAL (SELECT follow_up_months FROM agreements ag
	                   WHERE ag.lower_unit_id = x.scope_unit_id AND ag.archived_at IS NULL
	                   ORDER BY ag.period_end DESC LIMIT 1) fu ON true
	WHERE x.scope_unit_id IN (SELECT id FROM sub) AND x.status_phase <> 'implementeret'
	ORDER BY x.deadline NULLS LAST, un.position, un.name, x.entity DESC, x.code, x.title, x.id`, unitID)
}

// activityRow is a history row with the number of rows the query selected before its limit.
type activityRow struct {
	domain.AuditEntry
	Total int64
}

// activityScope selects the history rows on the items of the unit $1 and every unit under it
// that others than the user $2 wrote and the user has not read (the CTE "sub" must be defined).
const activityScope = `a.unit_id IN (SELECT id FROM sub)
	  AND a.actor_id IS DISTINCT FROM $2
	  AND a.entity IN ('agreement', 'initiative', 'action_plan')
	  AND NOT EXISTS (SELECT 1 FROM activity_reads r WHERE r.user_id = $2 AND r.audit_id = a.id)`

// ListUnreadActivity returns what others did on the items of the unit and every unit under it
// that the user has not yet marked read (status updates, comments, approvals, edits), newest
// first, at most limit rows, and how many there are in all. One query.
func (s *Store) ListUnreadActivity(ctx context.Context, userID, unitID int64, limit int) ([]domain.AuditEntry, int, error) {
	rows, err := list[activityRow](ctx, s.db, "list unread activity", unitSubtree+`
		SELECT a.id, a.organisation_id, a.actor_id, COALESCE(u.name, 'Sporbar') AS actor_name, a.at, a.action,
		       a.entity, a.entity_id, a.unit_id, a.title, a.changes, count(*) OVER () AS total
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE `+activityScope+`
		ORDER BY a.at DESC, a.id DESC
		LIMIT $3`, unitID, userID, limit)
	if err != nil || len(rows) == 0 {
		return nil, 0, err
	}
	out := make([]domain.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = r.AuditEntry
	}
	return out, int(rows[0].Total), nil
}

// MarkActivityRead records that the user of organisation orgID has read the history row
// auditID, and returns the organisation the row belongs to and the entity and id of the item
// it is about. A row of another organisation is returned but not marked (the caller refuses
// it); a row that does not exist is ErrNotFound. Marking a row twice is no error. One query.
func (s *Store) MarkActivityRead(ctx context.Context, userID, orgID, auditID int64) (rowOrg int64, entity string, entityID int64, err error) {
	err = s.db.QueryRow(ctx, `
		WITH a AS (SELECT id, organisation_id, entity, entity_id FROM audit_log WHERE id = $2),
		     ins AS (INSERT INTO activity_reads (user_id, audit_id)
		             SELECT $1, id FROM a WHERE organisation_id = $3 ON CONFLICT DO NOTHING)
		SELECT organisation_id, entity, entity_id FROM a`, userID, auditID, orgID).Scan(&rowOrg, &entity, &entityID)
	return rowOrg, entity, entityID, notFoundOr("mark activity read", err)
}

// MarkAllActivityRead marks read every row ListUnreadActivity would return for the user and
// unit whose id is at most upTo (what the user was shown; later rows stay unread), and returns
// how many it marked. One query.
func (s *Store) MarkAllActivityRead(ctx context.Context, userID, unitID, upTo int64) (int64, error) {
	tag, err := s.db.Exec(ctx, unitSubtree+`
		INSERT INTO activity_reads (user_id, audit_id)
		SELECT $2, a.id FROM audit_log a
		WHERE `+activityScope+` AND a.id <= $3
		ON CONFLICT DO NOTHING`, unitID, userID, upTo)
	if err != nil {
		return 0, wrap("mark all activity read", err)
	}
	return tag.RowsAffected(), nil
}

// ApproveAgreementSeen approves the agreement (see ApproveAgreement) if its content has not
// changed since the approver saw it: seen is the agreement's content_changed_at as the page
// showed it (nil when it had never changed). Content changed since is ErrConflict and records
// nothing. An agreement already approved with no change since is left as it is and reports
// false; a new approval reports true. One transaction.
func (s *Store) ApproveAgreementSeen(ctx context.Context, actorID, agreementID int64, seen *time.Time) (bool, error) {
	approved := false
	err := s.InTx(ctx, func(tx *Store) error {
		var changed, last *time.Time
		if err := tx.db.QueryRow(ctx, `SELECT g.content_changed_at,
				(SELECT max(approved_at) FROM agreement_approvals WHERE agreement_id = g.id)
			FROM agreements g WHERE g.id = $1 FOR UPDATE`, agreementID).Scan(&changed, &last); err != nil {
			return notFoundOr("approve agreement", err)
		}
		if !sameTime(changed, seen) {
			return fmt.Errorf("approve agreement: changed since seen: %w", ErrConflict)
		}
		if last != nil && (changed == nil || !changed.After(*last)) {
			return nil
		}
		approved = true
		return tx.ApproveAgreement(ctx, actorID, agreementID)
	})
	return approved && err == nil, err
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}
