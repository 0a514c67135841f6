package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// The public page for citizens (server/public.go): what an organisation shows the world. Only
// initiatives marked public, only their comments marked public, and never a person's name
// (neither an author nor an initiative's "ansvarlig").

// SetInitiativePublic marks an initiative as shown on the public page or not, with its
// history row, in one transaction. Marking it as it already is changes nothing.
func (s *Store) SetInitiativePublic(ctx context.Context, actorID, id int64, public bool) error {
	return s.InTx(ctx, func(tx *Store) error {
		ref, err := tx.initiativeRef(ctx, id)
		if err != nil {
			return err
		}
		var title string
		var was bool
		if err := tx.db.QueryRow(ctx, `SELECT title, public FROM initiatives WHERE id = $1 FOR UPDATE`, id).
			Scan(&title, &was); err != nil {
			return notFoundOr("mark initiative public", err)
		}
		if was == public {
			return nil
		}
		if _, err := tx.db.Exec(ctx, `UPDATE initiatives SET public = $2, updated_at = now(), version = version + 1
			WHERE id = $1`, id, public); err != nil {
			return wrap("mark initiative public", err)
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditUpdate, domain.EntityInitiative, id, title,
			map[string]domain.Change{"Offentlig": {Old: YesNo(was), New: YesNo(public)}})
	})
}

// ListPublicInitiatives returns the organisation's current initiatives marked public, by track
// and number (general ones before the local ones under them). One query.
func (s *Store) ListPublicInitiatives(ctx context.Context, orgID int64) ([]domain.PublicInitiative, error) {
	return list[domain.PublicInitiative](ctx, s.db, "list public initiatives", `
		SELECT i.id, i.kind, i.track_id, i.title, i.description, COALESCE(u.name, '') AS unit_name,
		       i.start_date, i.end_date, i.status_phase, i.status_health, i.status_progress, i.status_as_of,
		       i.status_updated_at
		FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies st ON st.id = t.strategy_id
		LEFT JOIN initiatives p ON p.id = i.parent_id LEFT JOIN units u ON u.id = i.unit_id
		WHERE st.organisation_id = $1 AND i.public AND i.archived_at IS NULL AND t.archived_at IS NULL
		  AND st.archived_at IS NULL
		ORDER BY t.strategy_id, t.number, COALESCE(p.number, i.number), i.kind = 'local', u.name, i.number, i.id`, orgID)
}

// ListPublicComments returns the comments marked public on the organisation's initiatives
// marked public, newest first. One query.
func (s *Store) ListPublicComments(ctx context.Context, orgID int64) ([]domain.PublicComment, error) {
	return list[domain.PublicComment](ctx, s.db, "list public comments", `
		SELECT c.initiative_id, c.body, c.created_at
		FROM comments c JOIN initiatives i ON i.id = c.initiative_id
		WHERE c.organisation_id = $1 AND c.public AND i.public AND i.archived_at IS NULL
		ORDER BY c.created_at DESC, c.id DESC`, orgID)
}

// GetComment returns the comment with id, with its author.
func (s *Store) GetComment(ctx context.Context, id int64) (domain.Comment, error) {
	return getOne[domain.Comment](ctx, s.db, "get comment", `
		SELECT c.id, c.organisation_id, c.agreement_id, c.initiative_id, c.action_plan_id, c.author_id,
		       u.name AS author_name, u.role AS author_role, c.body, c.public, c.created_at
		FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1`, id)
}

// SetCommentPublic shows a comment on an initiative on the public page or not, with a history
// row on the initiative, in one transaction. Marking it as it already is changes nothing.
func (s *Store) SetCommentPublic(ctx context.Context, actorID int64, c domain.Comment, public bool) error {
	if c.InitiativeID == nil {
		return wrap("mark comment public", ErrNotFound)
	}
	return s.InTx(ctx, func(tx *Store) error {
		tag, err := tx.db.Exec(ctx, `UPDATE comments SET public = $2 WHERE id = $1 AND public <> $2`, c.ID, public)
		if err != nil {
			return wrap("mark comment public", err)
		}
		if tag.RowsAffected() == 0 {
			return nil
		}
		ref, err := tx.initiativeRef(ctx, *c.InitiativeID)
		if err != nil {
			return err
		}
		var title string
		if err := tx.db.QueryRow(ctx, `SELECT title FROM initiatives WHERE id = $1`, *c.InitiativeID).Scan(&title); err != nil {
			return notFoundOr("mark comment public", err)
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditUpdate, domain.EntityInitiative, *c.InitiativeID, title,
			map[string]domain.Change{"Offentlig kommentar": {Old: YesNo(!public) + ": " + c.Body, New: YesNo(public) + ": " + c.Body}})
	})
}
