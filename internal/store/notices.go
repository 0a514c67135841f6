package store

import (
	"context"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

// ListNoticeActivity returns what others than the user did on the items of the unit and every
// unit under it from since until before: comments, status updates and approvals (the mails of
// notify/notices.go pick the ones to tell), oldest first. One query.
func (s *Store) ListNoticeActivity(ctx context.Context, userID, unitID int64, since, before time.Time) ([]domain.AuditEntry, error) {
	return list[domain.AuditEntry](ctx, s.db, "list notice activity", unitSubtree+`
		SELECT a.id, a.organisation_id, a.actor_id, COALESCE(u.name, 'Sporbar') AS actor_name, a.at, a.action,
		       a.entity, a.entity_id, a.unit_id, a.title, a.changes
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.unit_id IN (SELECT id FROM sub) AND a.actor_id IS DISTINCT FROM $2
		  AND a.entity IN ('agreement', 'initiative', 'action_plan') AND a.action IN ('comment', 'status', 'approve')
		  AND a.at >= $3 AND a.at < $4
		ORDER BY a.at, a.id`, unitID, userID, since, before)
}
