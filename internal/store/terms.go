package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// CreateTerm inserts t with its links and returns its id.
func (s *Store) CreateTerm(ctx context.Context, t domain.Term) (int64, error) {
	id, err := insertID(ctx, s.db, "create term", `
		INSERT INTO terms (organisation_id, name, description, more_info, position)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		t.OrganisationID, t.Name, t.Description, t.MoreInfo, t.Position)
	if err != nil {
		return 0, err
	}
	for i, l := range t.Links {
		if _, err := s.db.Exec(ctx, `INSERT INTO term_links (term_id, position, url, label) VALUES ($1, $2, $3, $4)`,
			id, i, l.URL, l.Label); err != nil {
			return 0, wrap("create term link", err)
		}
	}
	return id, nil
}

// ListTermsByOrganisation returns the organisation's current terms with their links, in order.
func (s *Store) ListTermsByOrganisation(ctx context.Context, orgID int64) ([]domain.Term, error) {
	return list[domain.Term](ctx, s.db, "list terms by organisation", termSelect+`
		WHERE t.organisation_id = $1 AND t.archived_at IS NULL ORDER BY t.position, t.name`, orgID)
}

// GetTerm returns the term with id and its links.
func (s *Store) GetTerm(ctx context.Context, id int64) (domain.Term, error) {
	return getOne[domain.Term](ctx, s.db, "get term", termSelect+` WHERE t.id = $1`, id)
}

const termSelect = `SELECT t.id, t.organisation_id, t.name, t.description, t.more_info, t.position,
	       t.created_at, t.updated_at, t.version, t.archived_at,
	       COALESCE((SELECT json_agg(json_build_object('url', l.url, 'label', l.label) ORDER BY l.position)
	                 FROM term_links l WHERE l.term_id = t.id), '[]') AS links
	FROM terms t`
