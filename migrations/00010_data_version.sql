-- +goose Up
-- An organisation's data version: a number that grows with every committed change to what its
-- pages show (every change writes an audit row, and the store bumps the number in the same
-- transaction; see store.Audit and store.InTx). Pages that are costly to build, like the
-- samlet skema, are kept rendered under it: a page built at version n is shown again only
-- while the organisation is still at n.
ALTER TABLE organisations ADD COLUMN data_version bigint NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE organisations DROP COLUMN data_version;
