-- +goose Up
-- The organisation's search (store/search.go): full text with the Danish configuration over
-- each level's title and description, and trigram matching on titles (and comment bodies) so
-- that a part of a word finds the whole. The expressions must stay exactly as
-- store/search.go writes them, or PostgreSQL will not use these indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX policies_search_idx ON policies USING gin (to_tsvector('danish'::regconfig, title || ' ' || description));
CREATE INDEX policies_trgm_idx ON policies USING gin (title gin_trgm_ops);
CREATE INDEX objectives_search_idx ON objectives USING gin (to_tsvector('danish'::regconfig, title || ' ' || description));
CREATE INDEX objectives_trgm_idx ON objectives USING gin (title gin_trgm_ops);
CREATE INDEX goals_search_idx ON goals USING gin (to_tsvector('danish'::regconfig, title || ' ' || description));
CREATE INDEX goals_trgm_idx ON goals USING gin (title gin_trgm_ops);
CREATE INDEX tracks_search_idx ON tracks USING gin (to_tsvector('danish'::regconfig, title || ' ' || description));
CREATE INDEX tracks_trgm_idx ON tracks USING gin (title gin_trgm_ops);
CREATE INDEX initiatives_search_idx ON initiatives USING gin (to_tsvector('danish'::regconfig, title || ' ' || description));
CREATE INDEX initiatives_trgm_idx ON initiatives USING gin (title gin_trgm_ops);
CREATE INDEX action_plans_search_idx ON action_plans USING gin (to_tsvector('danish'::regconfig, code || ' ' || title || ' ' || description));
CREATE INDEX action_plans_trgm_idx ON action_plans USING gin (title gin_trgm_ops);
CREATE INDEX agreements_search_idx ON agreements USING gin (to_tsvector('danish'::regconfig, title || ' ' || framework));
CREATE INDEX agreements_trgm_idx ON agreements USING gin (title gin_trgm_ops);
CREATE INDEX comments_search_idx ON comments USING gin (to_tsvector('danish'::regconfig, body));
CREATE INDEX comments_trgm_idx ON comments USING gin (body gin_trgm_ops);

-- +goose Down
DROP INDEX comments_trgm_idx, comments_search_idx, agreements_trgm_idx, agreements_search_idx,
    action_plans_trgm_idx, action_plans_search_idx, initiatives_trgm_idx, initiatives_search_idx,
    tracks_trgm_idx, tracks_search_idx, goals_trgm_idx, goals_search_idx,
    objectives_trgm_idx, objectives_search_idx, policies_trgm_idx, policies_search_idx;
DROP EXTENSION IF EXISTS pg_trgm;
