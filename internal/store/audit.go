package store

import (
	"context"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

// Audit writes one row of the change history and marks the organisation changed (its data
// version is bumped at the commit, see data_version.go). Call it inside the transaction of the change.
func (s *Store) Audit(ctx context.Context, e domain.AuditEntry) error {
	if e.Changes == nil {
		e.Changes = map[string]domain.Change{}
	}
	_, err := s.db.Exec(ctx, `
		INSERT INTO audit_log (organisation_id, actor_id, action, entity, entity_id, unit_id, title, changes)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		e.OrganisationID, e.ActorID, e.Action, e.Entity, e.EntityID, e.UnitID, e.Title, e.Changes)
	if err != nil {
		return wrap("audit", err)
	}
	return s.MarkChanged(ctx, e.OrganisationID)
}

// AuditFilter narrows ListAudit; zero fields do not filter.
type AuditFilter struct {
	OrganisationID int64
	Entity         string
	EntityID       int64
	ActorID        int64
	From, To       *time.Time // To is exclusive
	Limit          int        // 200 when 0
	Title          string     // the item's title contains it (case-insensitive); "" does not filter
}

// ListAudit returns the history the filter selects, newest first, with the actors' names.
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) ([]domain.AuditEntry, error) {
	if f.Limit <= 0 {
		f.Limit = 200
	}
	return list[domain.AuditEntry](ctx, s.db, "list audit", `
		SELECT a.id, a.organisation_id, a.actor_id, COALESCE(u.name, 'Sporbar') AS actor_name, a.at, a.action,
		       a.entity, a.entity_id, a.unit_id, a.title, a.changes
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE ($1 = 0 OR a.organisation_id = $1)
		  AND ($2 = '' OR a.entity = $2)
		  AND ($3 = 0 OR a.entity_id = $3)
		  AND ($4 = 0 OR a.actor_id = $4)
		  AND ($5::timestamptz IS NULL OR a.at >= $5)
		  AND ($6::timestamptz IS NULL OR a.at < $6)
		  AND ($8 = '' OR a.title ILIKE '%' || $8 || '%')
		ORDER BY a.at DESC, a.id DESC
		LIMIT $7`, f.OrganisationID, f.Entity, f.EntityID, f.ActorID, f.From, f.To, f.Limit, likeEscape(f.Title))
}

// likeEscape makes s match itself in a LIKE pattern: its %, _ and \ lose their meaning.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// UnitChain returns the unit followed by every unit above it (empty for nil).
func (s *Store) UnitChain(ctx context.Context, unitID *int64) ([]int64, error) {
	if unitID == nil {
		return nil, nil
	}
	rows, _ := s.db.Query(ctx, `
		WITH RECURSIVE up(id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM units WHERE id = $1
			UNION ALL
			SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
		)
		SELECT id FROM up ORDER BY depth`, *unitID)
	ids, err := collectInt64s(rows)
	if err != nil {
		return nil, wrap("unit chain", err)
	}
	return ids, nil
}
