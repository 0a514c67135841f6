-- +goose Up
-- The public page for citizens (/offentlig/{org}): off until the organisation's admin switches
-- it on; only the initiatives marked public appear there, each with only its comments marked
-- public (by their author when writing them). Nothing else about comments or people is shown.
ALTER TABLE organisations ADD COLUMN public_page boolean NOT NULL DEFAULT false;
ALTER TABLE initiatives ADD COLUMN public boolean NOT NULL DEFAULT false;
ALTER TABLE comments ADD COLUMN public boolean NOT NULL DEFAULT false;
CREATE INDEX initiatives_public_idx ON initiatives (track_id) WHERE public AND archived_at IS NULL;
CREATE INDEX comments_public_idx ON comments (initiative_id, created_at) WHERE public;

-- +goose Down
DROP INDEX comments_public_idx;
DROP INDEX initiatives_public_idx;
ALTER TABLE comments DROP COLUMN public;
ALTER TABLE initiatives DROP COLUMN public;
ALTER TABLE organisations DROP COLUMN public_page;
