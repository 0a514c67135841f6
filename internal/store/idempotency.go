package store

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// insertOnce runs insert (an INSERT into table without RETURNING or ON CONFLICT; its rows carry
// author_id and idempotency_key, see migrations/00012_idempotency_keys.sql) and returns the new
// row's id. When the author already stored a row with key, nothing is inserted and that row's id
// comes back with stored true: the caller then writes nothing else (no history row), so a
// retried post answers as the first one did. A concurrent retry waits on the unique index for
// the first to commit. An empty key always inserts.
func (s *Store) insertOnce(ctx context.Context, op, table string, authorID int64, key, insert string,
	args ...any) (id int64, stored bool, err error) {
	err = s.db.QueryRow(ctx, insert+` ON CONFLICT (author_id, idempotency_key) WHERE idempotency_key IS NOT NULL
		DO NOTHING RETURNING id`, args...).Scan(&id)
	if err == nil {
		return id, false, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, false, wrap(op, err)
	}
	err = s.db.QueryRow(ctx, `SELECT id FROM `+table+` WHERE author_id = $1 AND idempotency_key = $2`,
		authorID, key).Scan(&id)
	return id, true, notFoundOr(op, err)
}
