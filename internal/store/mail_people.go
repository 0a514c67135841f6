package store

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/sporbar/sporbar/internal/domain"
)

// Who gets which mail, and how often (migrations/00016_mail.sql), and the installation's
// signing keys.

// MailRecipient is an active user with a unit, and how often they want one kind of mail (their
// own choice, else the organisation's default, else the built-in one).
type MailRecipient struct {
	ID             int64
	OrganisationID int64
	UnitID         int64
	Email          string
	Name           string
	Frequency      string
}

// ListMailRecipients returns the active users of role that have a unit, with their frequency
// for kind (builtin where neither they nor their organisation chose one), by id. One query.
func (s *Store) ListMailRecipients(ctx context.Context, role, kind, builtin string) ([]MailRecipient, error) {
	return list[MailRecipient](ctx, s.db, "list mail recipients", `
		SELECT u.id, u.organisation_id, u.unit_id, u.email, u.name,
		       COALESCE(p.frequency, d.frequency, $3) AS frequency
		FROM users u
		LEFT JOIN mail_preferences p ON p.user_id = u.id AND p.kind = $2
		LEFT JOIN mail_defaults d ON d.organisation_id = u.organisation_id AND d.kind = $2
		WHERE u.active AND u.role = $1 AND u.unit_id IS NOT NULL ORDER BY u.id`, role, kind, builtin)
}

// ListUnitLeaders returns the active områdeledere of the unit, by id.
func (s *Store) ListUnitLeaders(ctx context.Context, unitID int64) ([]MailRecipient, error) {
	return list[MailRecipient](ctx, s.db, "list unit leaders", `
		SELECT id, organisation_id, unit_id, email, name, $2::text AS frequency FROM users
		WHERE active AND role = $3 AND unit_id = $1 ORDER BY id`, unitID, domain.FrequencyNow, domain.RoleOmraadeleder)
}

// MailPreferences returns the user's own choices and their organisation's defaults, by kind.
func (s *Store) MailPreferences(ctx context.Context, userID int64) (own, org map[string]string, err error) {
	rows, err := s.db.Query(ctx, `
		SELECT 'own', kind, frequency FROM mail_preferences WHERE user_id = $1
		UNION ALL
		SELECT 'org', d.kind, d.frequency FROM mail_defaults d JOIN users u ON u.organisation_id = d.organisation_id
		WHERE u.id = $1`, userID)
	if err != nil {
		return nil, nil, fmt.Errorf("mail preferences: %w", err)
	}
	defer rows.Close()
	own, org = map[string]string{}, map[string]string{}
	for rows.Next() {
		var whose, kind, freq string
		if err := rows.Scan(&whose, &kind, &freq); err != nil {
			return nil, nil, fmt.Errorf("mail preferences: %w", err)
		}
		if whose == "own" {
			own[kind] = freq
		} else {
			org[kind] = freq
		}
	}
	return own, org, wrap("mail preferences", rows.Err())
}

// SetMailPreference saves how often the user wants kind ("" removes their choice, so the
// organisation's default applies).
func (s *Store) SetMailPreference(ctx context.Context, userID int64, kind, frequency string) error {
	var err error
	if frequency == "" {
		_, err = s.db.Exec(ctx, `DELETE FROM mail_preferences WHERE user_id = $1 AND kind = $2`, userID, kind)
	} else {
		_, err = s.db.Exec(ctx, `INSERT INTO mail_preferences (user_id, kind, frequency) VALUES ($1, $2, $3)
			ON CONFLICT (user_id, kind) DO UPDATE SET frequency = EXCLUDED.frequency`, userID, kind, frequency)
	}
	return wrap("set mail preference", err)
}

// MailDefaults returns the organisation's default frequency by kind (kinds without one left out).
func (s *Store) MailDefaults(ctx context.Context, orgID int64) (map[string]string, error) {
	type row struct{ Kind, Frequency string }
	rows, err := list[row](ctx, s.db, "mail defaults",
		`SELECT kind, frequency FROM mail_defaults WHERE organisation_id = $1`, orgID)
	out := map[string]string{}
	for _, r := range rows {
		out[r.Kind] = r.Frequency
	}
	return out, err
}

// SetMailDefault saves the organisation's default frequency of kind.
func (s *Store) SetMailDefault(ctx context.Context, orgID int64, kind, frequency string) error {
	_, err := s.db.Exec(ctx, `INSERT INTO mail_defaults (organisation_id, kind, frequency) VALUES ($1, $2, $3)
		ON CONFLICT (organisation_id, kind) DO UPDATE SET frequency = EXCLUDED.frequency`, orgID, kind, frequency)
	return wrap("set mail default", err)
}

// InstallationSecret returns the random 32-byte key called name, made on first use; every
// instance gets the same one.
func (s *Store) InstallationSecret(ctx context.Context, name string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("installation secret: %w", err)
	}
	var got []byte
	err := s.db.QueryRow(ctx, `WITH ins AS (INSERT INTO installation_secrets (name, value) VALUES ($1, $2)
			ON CONFLICT (name) DO NOTHING RETURNING value)
		SELECT value FROM ins UNION ALL SELECT value FROM installation_secrets WHERE name = $1 LIMIT 1`,
		name, key).Scan(&got)
	return got, wrap("installation secret", err)
}
