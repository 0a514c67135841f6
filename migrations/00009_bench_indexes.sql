-- +goose Up
-- Indexes the national benchmark (issue 10, docs/benchmarks.md) showed were missing.

-- The skema's "Seneste aktivitet": an organisation's newest status updates and comments.
-- audit_log_organisation_idx (organisation_id, at DESC) had to read every history row of the
-- organisation, skip the other actions and sort them by id as well; this one is read in
-- order and stops after the first rows.
CREATE INDEX audit_log_activity_idx ON audit_log (organisation_id, at DESC, id DESC)
    WHERE action IN ('status', 'comment');

-- +goose Down
DROP INDEX audit_log_activity_idx;
