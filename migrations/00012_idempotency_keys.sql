-- +goose Up
-- A status update or a comment carries the random key of the form it was posted from
-- (idempotency_key, rendered as a hidden field), so that a post retried after a lost answer
-- finds the row the first one stored instead of adding a second. Rows written another way
-- (imports, the command line) have none.
ALTER TABLE status_updates ADD COLUMN idempotency_key text CHECK (length(idempotency_key) <= 64);
ALTER TABLE comments ADD COLUMN idempotency_key text CHECK (length(idempotency_key) <= 64);
CREATE UNIQUE INDEX status_updates_idempotency_idx ON status_updates (author_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX comments_idempotency_idx ON comments (author_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- +goose Down
DROP INDEX comments_idempotency_idx;
DROP INDEX status_updates_idempotency_idx;
ALTER TABLE comments DROP COLUMN idempotency_key;
ALTER TABLE status_updates DROP COLUMN idempotency_key;
