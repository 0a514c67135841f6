package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const methodColumns = `id, organisation_id, slug, kind, display_name, enabled, issuer, client_id, client_secret,
	scopes, idp_metadata_url, idp_metadata, sp_certificate, sp_private_key, subject_claim, email_claim, name_claim,
	role_claim, unit_claim, logout_url, sp_next_certificate, sp_next_private_key, created_at, updated_at, version`

// GetSignInSettings returns the organisation's sign-in choices beside its methods.
func (s *Store) GetSignInSettings(ctx context.Context, orgID int64) (domain.SignInSettings, error) {
	return getOne[domain.SignInSettings](ctx, s.db, "get sign-in settings",
		`SELECT id AS organisation_id, local_login, email_domains FROM organisations WHERE id = $1`, orgID)
}

// SetSignInSettings saves whether local sign-in is allowed and the e-mail domains; a domain
// another organisation already has is ErrConflict.
func (s *Store) SetSignInSettings(ctx context.Context, set domain.SignInSettings) error {
	var taken bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM organisations
		WHERE id <> $1 AND email_domains && $2::text[])`, set.OrganisationID, set.EmailDomains).Scan(&taken)
	if err != nil {
		return wrap("set sign-in settings", err)
	}
	if taken {
		return wrap("set sign-in settings", ErrConflict)
	}
	_, err = s.db.Exec(ctx, `UPDATE organisations SET local_login = $2, email_domains = $3, updated_at = now()
		WHERE id = $1`, set.OrganisationID, set.LocalLogin, set.EmailDomains)
	return wrap("set sign-in settings", err)
}

// OrganisationSlugByEmailDomain returns the slug of the organisation that claims the e-mail
// domain and has at least one enabled method, or ErrNotFound.
func (s *Store) OrganisationSlugByEmailDomain(ctx context.Context, emailDomain string) (string, error) {
	var slug string
	err := s.db.QueryRow(ctx, `SELECT o.slug FROM organisations o WHERE $1 = ANY (o.email_domains)
		AND EXISTS (SELECT 1 FROM sign_in_methods m WHERE m.organisation_id = o.id AND m.enabled)`, emailDomain).Scan(&slug)
	return slug, notFoundOr("organisation by e-mail domain", err)
}

// ListSignInMethods returns the organisation's methods by name.
func (s *Store) ListSignInMethods(ctx context.Context, orgID int64) ([]domain.SignInMethod, error) {
	return list[domain.SignInMethod](ctx, s.db, "list sign-in methods",
		`SELECT `+methodColumns+` FROM sign_in_methods WHERE organisation_id = $1 ORDER BY display_name, id`, orgID)
}

// GetSignInMethod returns the method with id.
func (s *Store) GetSignInMethod(ctx context.Context, id int64) (domain.SignInMethod, error) {
	return getOne[domain.SignInMethod](ctx, s.db, "get sign-in method",
		`SELECT `+methodColumns+` FROM sign_in_methods WHERE id = $1`, id)
}

// GetSignInMethodBySlug returns the organisation's method with slug.
func (s *Store) GetSignInMethodBySlug(ctx context.Context, orgID int64, slug string) (domain.SignInMethod, error) {
	return getOne[domain.SignInMethod](ctx, s.db, "get sign-in method by slug",
		`SELECT `+methodColumns+` FROM sign_in_methods WHERE organisation_id = $1 AND slug = $2`, orgID, slug)
}

// CreateSignInMethod inserts m and returns its id; a slug the organisation already uses is ErrConflict.
func (s *Store) CreateSignInMethod(ctx context.Context, m domain.SignInMethod) (int64, error) {
	return insertID(ctx, s.db, "create sign-in method", `
		INSERT INTO sign_in_methods (organisation_id, slug, kind, display_name, enabled, issuer, client_id,
			client_secret, scopes, idp_metadata_url, idp_metadata, sp_certificate, sp_private_key, subject_claim,
			email_claim, name_claim, role_claim, unit_claim, logout_url, sp_next_certificate, sp_next_private_key)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id`,
		m.OrganisationID, m.Slug, m.Kind, m.DisplayName, m.Enabled, m.Issuer, m.ClientID, m.ClientSecret, m.Scopes,
		m.IDPMetadataURL, m.IDPMetadata, m.SPCertificate, m.SPPrivateKey, m.SubjectClaim, m.EmailClaim, m.NameClaim,
		m.RoleClaim, m.UnitClaim, m.LogoutURL, m.SPNextCertificate, m.SPNextPrivateKey)
}

// UpdateSignInMethod saves m if its version is still m.Version and returns the new version. A
// nil ClientSecret keeps the stored one (secrets are never shown back, so a form that leaves
// the field empty keeps it); the SP key pairs (current and next) are saved as m has them. A
// stale version is ErrConflict.
func (s *Store) UpdateSignInMethod(ctx context.Context, m domain.SignInMethod) (int32, error) {
	var v int32
	err := s.db.QueryRow(ctx, `UPDATE sign_in_methods SET display_name = $3, enabled = $4, issuer = $5,
			client_id = $6, client_secret = COALESCE($7, client_secret), scopes = $8, idp_metadata_url = $9,
			idp_metadata = $10, subject_claim = $11, email_claim = $12, name_claim = $13, role_claim = $14,
			unit_claim = $15, logout_url = $16, sp_certificate = $17, sp_private_key = $18,
			sp_next_certificate = $19, sp_next_private_key = $20, updated_at = now(), version = version + 1
		WHERE id = $1 AND version = $2 RETURNING version`,
		m.ID, m.Version, m.DisplayName, m.Enabled, m.Issuer, m.ClientID, m.ClientSecret, m.Scopes,
		m.IDPMetadataURL, m.IDPMetadata, m.SubjectClaim, m.EmailClaim, m.NameClaim, m.RoleClaim, m.UnitClaim,
		m.LogoutURL, m.SPCertificate, m.SPPrivateKey, m.SPNextCertificate, m.SPNextPrivateKey).Scan(&v)
	return v, conflictOr("update sign-in method", err)
}

// SetIDPMetadata replaces the method's IdP metadata (fetched again from its URL).
func (s *Store) SetIDPMetadata(ctx context.Context, methodID int64, metadata string) error {
	_, err := s.db.Exec(ctx, `UPDATE sign_in_methods SET idp_metadata = $2, updated_at = now() WHERE id = $1`,
		methodID, metadata)
	return wrap("set IdP metadata", err)
}

// ListSignInMappings returns the method's mappings in the order they are tried.
func (s *Store) ListSignInMappings(ctx context.Context, methodID int64) ([]domain.SignInMapping, error) {
	return list[domain.SignInMapping](ctx, s.db, "list sign-in mappings", `
		SELECT m.id, m.method_id, m.claim_value, m.role, m.unit_id, COALESCE(u.name, '') AS unit_name, m.position
		FROM sign_in_mappings m LEFT JOIN units u ON u.id = m.unit_id
		WHERE m.method_id = $1 ORDER BY m.position, m.id`, methodID)
}

// AddSignInMapping appends a mapping to the method's list; a claim value already mapped is ErrConflict.
func (s *Store) AddSignInMapping(ctx context.Context, mp domain.SignInMapping) (int64, error) {
	return insertID(ctx, s.db, "add sign-in mapping", `
		INSERT INTO sign_in_mappings (method_id, claim_value, role, unit_id, position)
		VALUES ($1, $2, $3, $4, (SELECT COALESCE(max(position), 0) + 1 FROM sign_in_mappings WHERE method_id = $1))
		RETURNING id`, mp.MethodID, mp.ClaimValue, mp.Role, mp.UnitID)
}

// DeleteSignInMapping removes the method's mapping with id.
func (s *Store) DeleteSignInMapping(ctx context.Context, methodID, id int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sign_in_mappings WHERE method_id = $1 AND id = $2`, methodID, id)
	return wrap("delete sign-in mapping", err)
}

// ListUnitRefs returns the organisation's current units with their external ids, by name.
func (s *Store) ListUnitRefs(ctx context.Context, orgID int64) ([]domain.UnitRef, error) {
	return list[domain.UnitRef](ctx, s.db, "list unit refs", `SELECT id, name, external_id FROM units
		WHERE organisation_id = $1 AND archived_at IS NULL ORDER BY name, id`, orgID)
}

// SetUnitExternalID sets (or, with "", clears) the unit's directory id; one already used in
// the organisation is ErrConflict.
func (s *Store) SetUnitExternalID(ctx context.Context, orgID, unitID int64, externalID string) error {
	_, err := s.db.Exec(ctx, `UPDATE units SET external_id = NULLIF($3, '') WHERE organisation_id = $1 AND id = $2`,
		orgID, unitID, externalID)
	return wrap("set unit external id", err)
}

// DeleteSignInMethod removes the organisation's method with slug, its mappings, identities and
// sign-ins under way (the accounts stay).
func (s *Store) DeleteSignInMethod(ctx context.Context, orgID int64, slug string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sign_in_methods WHERE organisation_id = $1 AND slug = $2`, orgID, slug)
	return wrap("delete sign-in method", err)
}
