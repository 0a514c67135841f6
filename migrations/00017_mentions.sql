-- +goose Up
-- The mail schedule looks for @-mentions in the comments of the last days in every
-- organisation (store.ListMentionComments): comments by time, without a scan of all history.
CREATE INDEX audit_log_comment_at_idx ON audit_log (at) WHERE action = 'comment';

-- +goose Down
DROP INDEX audit_log_comment_at_idx;
