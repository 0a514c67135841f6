package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const organisationColumns = `id, slug, name, kind, vision, vision_description,
	label_track, label_tracks, label_general, label_generals, label_local, label_locals,
	label_action_plan, label_action_plans, data_version, public_page, created_at, updated_at, version, archived_at`

// CreateOrganisation inserts o and returns its id.
func (s *Store) CreateOrganisation(ctx context.Context, o domain.Organisation) (int64, error) {
	return insertID(ctx, s.db, "create organisation", `
		INSERT INTO organisations (slug, name, kind, vision, vision_description,
			label_track, label_tracks, label_general, label_generals, label_local, label_locals,
			label_action_plan, label_action_plans)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
		o.Slug, o.Name, o.Kind, o.Vision, o.VisionDescription,
		o.LabelTrack, o.LabelTracks, o.LabelGeneral, o.LabelGenerals, o.LabelLocal, o.LabelLocals,
		o.LabelActionPlan, o.LabelActionPlans)
}

// GetOrganisation returns the organisation with id.
func (s *Store) GetOrganisation(ctx context.Context, id int64) (domain.Organisation, error) {
	return getOne[domain.Organisation](ctx, s.db, "get organisation",
		`SELECT `+organisationColumns+` FROM organisations WHERE id = $1`, id)
}

// GetOrganisationBySlug returns the organisation whose URL name is slug.
func (s *Store) GetOrganisationBySlug(ctx context.Context, slug string) (domain.Organisation, error) {
	return getOne[domain.Organisation](ctx, s.db, "get organisation by slug",
		`SELECT `+organisationColumns+` FROM organisations WHERE slug = $1`, slug)
}

// ListOrganisations returns every organisation that is not archived, by name.
func (s *Store) ListOrganisations(ctx context.Context) ([]domain.Organisation, error) {
	return list[domain.Organisation](ctx, s.db, "list organisations",
		`SELECT `+organisationColumns+` FROM organisations WHERE archived_at IS NULL ORDER BY name`)
}
