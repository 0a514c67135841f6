-- +goose Up
-- Sessions live on the server; the browser's cookie holds only an opaque random id, and this
-- table only its SHA-256, so a copy of the database does not hand out sessions.
CREATE TABLE sessions (
    id_hash       bytea PRIMARY KEY,
    user_id       bigint REFERENCES users(id) ON DELETE CASCADE,
    data          jsonb NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    address       text NOT NULL DEFAULT '',
    user_agent    text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_last_seen_idx ON sessions (last_seen_at);

-- Failed sign-ins per account ("email:…") and per client address ("addr:…").
CREATE TABLE login_throttle (
    key           text PRIMARY KEY,
    failures      integer NOT NULL DEFAULT 0,
    last_failure  timestamptz NOT NULL DEFAULT now(),
    locked_until  timestamptz
);

ALTER TABLE users ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE users ADD COLUMN last_login_at timestamptz;

-- +goose Down
ALTER TABLE users DROP COLUMN last_login_at;
ALTER TABLE users DROP COLUMN password_changed_at;
DROP TABLE login_throttle;
DROP TABLE sessions;
