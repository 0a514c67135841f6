-- +goose Up
-- Every e-mail Sporbar sends, one row per mail: what it says, to whom, and how its sending went.
-- dedupe_key (kind, recipient and period, e.g. "reminder:17:2026-06-16") makes enqueuing
-- idempotent: a second scheduler, a re-run or a retry finds the row and sends nothing new. The
-- River job "send_mail" (migrations/00015_river_queue.sql) carries only the row's id. A mail
-- that carries a one-time link has secret = true: its bodies are emptied once it is sent or
-- has failed for good, so the link lives in the database only while it is on its way.
CREATE TABLE mail_outbox (
    id               bigserial PRIMARY KEY,
    organisation_id  bigint REFERENCES organisations(id) ON DELETE CASCADE,
    user_id          bigint REFERENCES users(id) ON DELETE SET NULL,
    recipient        text NOT NULL,
    recipient_name   text NOT NULL DEFAULT '',
    kind             text NOT NULL,
    dedupe_key       text NOT NULL UNIQUE,
    subject          text NOT NULL,
    body_text        text NOT NULL,
    body_html        text NOT NULL,
    unsubscribe_url  text NOT NULL DEFAULT '',
    secret           boolean NOT NULL DEFAULT false,
    state            text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    last_error       text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
CREATE INDEX mail_outbox_org_idx ON mail_outbox (organisation_id, created_at DESC);
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC);

-- One-time links: an invitation (7 days) or a password reset (1 hour). Only the SHA-256 of the
-- token is kept; used_at makes it single-use.
CREATE TABLE user_tokens (
    hash        bytea PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose     text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose);

-- A password that an administrator set (or none yet, for an invited user) must be replaced by
-- the user at the next sign-in.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- How often a person wants each kind of mail ('now', 'daily', 'weekly', 'never'); a missing row
-- means the organisation's default (mail_defaults), and a missing default the built-in one.
CREATE TABLE mail_preferences (
    user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       text NOT NULL,
    frequency  text NOT NULL CHECK (frequency IN ('now', 'daily', 'weekly', 'never')),
    PRIMARY KEY (user_id, kind)
);
CREATE TABLE mail_defaults (
    organisation_id  bigint NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind             text NOT NULL,
    frequency        text NOT NULL CHECK (frequency IN ('now', 'daily', 'weekly', 'never')),
    PRIMARY KEY (organisation_id, kind)
);

-- Random keys that sign links in mails (e.g. "unsubscribe"), made once per installation, so
-- every instance signs and checks alike.
CREATE TABLE installation_secrets (
    name   text PRIMARY KEY,
    value  bytea NOT NULL
);

-- A fagchef's "Send påmindelse" is a row in the agreement's history.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('create', 'update', 'archive', 'restore', 'status', 'comment', 'approve', 'delete',
        'password_reset', 'deactivate', 'reactivate', 'throttle_reset', 'remind'));

-- +goose Down
DELETE FROM audit_log WHERE action = 'remind';
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('create', 'update', 'archive', 'restore', 'status', 'comment', 'approve', 'delete',
        'password_reset', 'deactivate', 'reactivate', 'throttle_reset'));
DROP TABLE installation_secrets;
DROP TABLE mail_defaults;
DROP TABLE mail_preferences;
ALTER TABLE users DROP COLUMN must_change_password;
DROP TABLE user_tokens;
DROP TABLE mail_outbox;
