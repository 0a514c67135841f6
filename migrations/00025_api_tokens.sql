-- +goose Up
-- Personal API tokens for the read API (/api/v1/…): made and revoked by an organisation's admin,
-- scoped to that organisation, read-only. Only the SHA-256 of the token is kept; the token itself
-- is shown once, when it is made.
CREATE TABLE api_tokens (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash       bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by       bigint REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_used_at     timestamptz,
    revoked_at       timestamptz,
    revoked_by       bigint REFERENCES users(id)
);
CREATE INDEX api_tokens_organisation_idx ON api_tokens (organisation_id, created_at DESC);

-- A person's calendar feed (iCalendar of their deadlines and reporting dates) behind a secret
-- address; the SHA-256 of the secret is kept, one feed per person. Resetting replaces the row.
CREATE TABLE calendar_feeds (
    user_id       bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz
);

-- The read API pages by id within an organisation and filters on updated_since: the history
-- tables are read by organisation and id.
CREATE INDEX status_updates_organisation_id_idx ON status_updates (organisation_id, id);

-- +goose Down
DROP INDEX status_updates_organisation_id_idx;
DROP TABLE calendar_feeds;
DROP TABLE api_tokens;
