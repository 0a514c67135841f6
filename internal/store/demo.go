package store

import "context"

// HasCommentEnding reports whether the organisation has a comment ending in suffix. The demo
// activity (internal/demo) ends each of its comments with its mark, and this is how it sees
// that it has run before.
func (s *Store) HasCommentEnding(ctx context.Context, orgID int64, suffix string) (bool, error) {
	var found bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM comments WHERE organisation_id = $1 AND right(body, length($2)) = $2)`,
		orgID, suffix).Scan(&found)
	return found, wrap("has comment ending", err)
}
