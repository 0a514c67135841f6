-- +goose Up
-- Sign-in throttling slows down instead of locking out (internal/auth/policy.go). Each row
-- keeps the rule it is counted under, so that the one statement that counts an attempt also
-- decides it (store/throttle.go); attempt marks which attempt last got through, and
-- previous_failure is last_failure before it, put back when that attempt proves the password.
-- Counts made under the old lock-out rule mean nothing under the new one.
DELETE FROM login_throttle;
ALTER TABLE login_throttle
    DROP COLUMN locked_until,
    ADD COLUMN account text,
    ADD COLUMN free_failures integer NOT NULL DEFAULT 0,
    ADD COLUMN max_delay interval NOT NULL DEFAULT '0',
    ADD COLUMN attempt bigint NOT NULL DEFAULT 0,
    ADD COLUMN previous_failure timestamptz;
CREATE INDEX login_throttle_account_idx ON login_throttle (account) WHERE account IS NOT NULL;
CREATE INDEX login_throttle_last_failure_idx ON login_throttle (last_failure);

-- User administration is in the history too (domain/audit.go): a new password, deactivation,
-- reactivation and the reset of failed sign-ins.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('create', 'update', 'archive',
    'restore', 'status', 'comment', 'approve', 'delete', 'password_reset', 'deactivate', 'reactivate', 'throttle_reset'));

-- +goose Down
DELETE FROM audit_log WHERE action IN ('password_reset', 'deactivate', 'reactivate', 'throttle_reset');
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('create', 'update', 'archive',
    'restore', 'status', 'comment', 'approve', 'delete'));
DELETE FROM login_throttle;
DROP INDEX login_throttle_last_failure_idx;
DROP INDEX login_throttle_account_idx;
ALTER TABLE login_throttle
    DROP COLUMN previous_failure,
    DROP COLUMN attempt,
    DROP COLUMN max_delay,
    DROP COLUMN free_failures,
    DROP COLUMN account,
    ADD COLUMN locked_until timestamptz;
