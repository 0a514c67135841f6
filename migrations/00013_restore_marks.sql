-- +goose Up
-- How Sporbar tells, when it starts, that its database was restored or copied
-- (internal/store/data_reset.go). The anchor row is written here and never again, so the
-- transaction id that wrote it (its xmin) changes only when the row is written anew, as
-- pg_restore does; the seen row keeps the anchor's xmin and the database's oid as Sporbar
-- last saw them (a database copied from a template keeps the xmin but gets another oid).
-- When they differ, every organisation's data version is moved past any it had, so no
-- samlet skema kept by a running instance is shown for the restored data.
CREATE TABLE restore_marks (
    name text PRIMARY KEY CHECK (name IN ('anchor', 'seen')),
    value text NOT NULL DEFAULT ''
);
INSERT INTO restore_marks (name) VALUES ('anchor');
INSERT INTO restore_marks (name, value)
SELECT 'seen', a.xmin::text || ':' || d.oid::text
FROM restore_marks a, pg_database d
WHERE a.name = 'anchor' AND d.datname = current_database();

-- +goose Down
DROP TABLE restore_marks;
