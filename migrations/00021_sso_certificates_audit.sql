-- +goose Up
-- The SAML service provider's own certificate (sso/keys.go, server/sso_admin_methods.go): the
-- organisation may give its own (KOMBIT's Context Handler requires an OCES3 system
-- certificate). A next key pair is published in our metadata beside the current one until the
-- admin takes it in use, which removes the old one.
ALTER TABLE sign_in_methods ADD COLUMN sp_next_certificate text NOT NULL DEFAULT '';
ALTER TABLE sign_in_methods ADD COLUMN sp_next_private_key bytea;

-- Accounts created or deactivated by the identity provider at sign-in are in the history
-- (server/sso_accounts.go). The allowed actions are the union of every migration's list, so
-- that this one and the user administration's (deactivate, reactivate, …) agree in any order.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('create', 'update', 'archive',
    'restore', 'status', 'comment', 'approve', 'delete', 'password_reset', 'deactivate', 'reactivate', 'throttle_reset',
    'remind'));

-- +goose Down
-- The action list stays the union: another migration may rely on it.
ALTER TABLE sign_in_methods DROP COLUMN sp_next_private_key;
ALTER TABLE sign_in_methods DROP COLUMN sp_next_certificate;
