-- +goose Up
-- Editing the hierarchy (issue 6).
--
-- Numbers, positions and names are unique among the current (not archived) items only: an
-- archived målsætning, spor, trin or begreb keeps its number or name in the history without
-- blocking the next one. The rules are deferrable, so that a reorder or an import may renumber
-- in any order inside its transaction (SET CONSTRAINTS ALL DEFERRED) and is checked at commit.
ALTER TABLE objectives DROP CONSTRAINT objectives_policy_id_number_key;
ALTER TABLE objectives ADD CONSTRAINT objectives_number_current
    EXCLUDE USING btree (policy_id WITH =, number WITH =) WHERE (archived_at IS NULL) DEFERRABLE INITIALLY IMMEDIATE;
CREATE INDEX objectives_policy_idx ON objectives (policy_id);

ALTER TABLE tracks DROP CONSTRAINT tracks_strategy_id_number_key;
ALTER TABLE tracks ADD CONSTRAINT tracks_number_current
    EXCLUDE USING btree (strategy_id WITH =, number WITH =) WHERE (archived_at IS NULL) DEFERRABLE INITIALLY IMMEDIATE;
CREATE INDEX tracks_strategy_idx ON tracks (strategy_id);

ALTER TABLE ladder_steps DROP CONSTRAINT ladder_steps_organisation_id_position_key;
ALTER TABLE ladder_steps ADD CONSTRAINT ladder_steps_position_current
    EXCLUDE USING btree (organisation_id WITH =, position WITH =) WHERE (archived_at IS NULL) DEFERRABLE INITIALLY IMMEDIATE;

ALTER TABLE terms DROP CONSTRAINT terms_organisation_id_name_key;
ALTER TABLE terms ADD CONSTRAINT terms_name_current
    EXCLUDE USING btree (organisation_id WITH =, name WITH =) WHERE (archived_at IS NULL) DEFERRABLE INITIALLY IMMEDIATE;

-- What the delete checks ask: does anything still point at the item?
CREATE INDEX strategies_unit_idx ON strategies (unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX agreements_strategy_idx ON agreements (strategy_id) WHERE strategy_id IS NOT NULL;
CREATE INDEX agreements_upper_unit_idx ON agreements (upper_unit_id);
CREATE INDEX users_unit_idx ON users (unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX action_plans_ladder_step_idx ON action_plans (ladder_step_id) WHERE ladder_step_id IS NOT NULL;

-- An uploaded spreadsheet waits here between the preview and the admin's (or leader's)
-- confirmation. token_hash is the SHA-256 of the random token in the confirmation form; only the
-- person who uploaded it, in their organisation, may confirm it, within an hour.
CREATE TABLE import_previews (
    token_hash       bytea PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    user_id          bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('hierarchy', 'status')),
    file_name        text NOT NULL DEFAULT '',
    data             bytea NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_previews_created_idx ON import_previews (created_at);

-- +goose Down
DROP TABLE import_previews;
DROP INDEX action_plans_ladder_step_idx;
DROP INDEX users_unit_idx;
DROP INDEX agreements_upper_unit_idx;
DROP INDEX agreements_strategy_idx;
DROP INDEX strategies_unit_idx;
ALTER TABLE terms DROP CONSTRAINT terms_name_current;
ALTER TABLE terms ADD CONSTRAINT terms_organisation_id_name_key UNIQUE (organisation_id, name);
ALTER TABLE ladder_steps DROP CONSTRAINT ladder_steps_position_current;
ALTER TABLE ladder_steps ADD CONSTRAINT ladder_steps_organisation_id_position_key UNIQUE (organisation_id, position);
DROP INDEX tracks_strategy_idx;
ALTER TABLE tracks DROP CONSTRAINT tracks_number_current;
ALTER TABLE tracks ADD CONSTRAINT tracks_strategy_id_number_key UNIQUE (strategy_id, number);
DROP INDEX objectives_policy_idx;
ALTER TABLE objectives DROP CONSTRAINT objectives_number_current;
ALTER TABLE objectives ADD CONSTRAINT objectives_policy_id_number_key UNIQUE (policy_id, number);
