package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/jackc/pgx/v5"
)

// An uploaded spreadsheet waits in import_previews between its preview and its confirmation.

// Preview kinds.
const (
	PreviewHierarchy = "hierarchy"
	PreviewStatus    = "status"
)

// previewLifetime is how long an uploaded file may wait for its confirmation.
const previewLifetime = "1 hour"

// SavePreview keeps an uploaded file for the person who uploaded it and returns the random token
// that confirms it. Files older than the lifetime are removed on the way.
func (s *Store) SavePreview(ctx context.Context, orgID, userID int64, kind, fileName string, data []byte) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := hex.EncodeToString(b)
	if _, err := s.db.Exec(ctx, `DELETE FROM import_previews WHERE created_at < now() - $1::interval`, previewLifetime); err != nil {
		return "", wrap("clean previews", err)
	}
	_, err := s.db.Exec(ctx, `INSERT INTO import_previews (token_hash, organisation_id, user_id, kind, file_name, data)
		VALUES ($1, $2, $3, $4, $5, $6)`, tokenHash(token), orgID, userID, kind, fileName, data)
	return token, wrap("save preview", err)
}

// TakePreview returns and deletes the file saved under token by the user in the organisation,
// of kind, within the lifetime; anything else is ErrNotFound. Inside a transaction that rolls
// back, the file stays.
func (s *Store) TakePreview(ctx context.Context, orgID, userID int64, kind, token string) (string, []byte, error) {
	var name string
	var data []byte
	err := s.db.QueryRow(ctx, `DELETE FROM import_previews
		WHERE token_hash = $1 AND organisation_id = $2 AND user_id = $3 AND kind = $4
		  AND created_at >= now() - $5::interval
		RETURNING file_name, data`, tokenHash(token), orgID, userID, kind, previewLifetime).Scan(&name, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil, ErrNotFound
	}
	return name, data, wrap("take preview", err)
}

func tokenHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}
