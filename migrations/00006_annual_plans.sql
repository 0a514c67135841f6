-- +goose Up
-- The yearly cycle of indsatsplaner: a plan made from last year's, adoption, and what the
-- områdelederkreds (OL) did with each item. See internal/domain/annual_plan.go for the rules.

-- source_plan_id: the plan this one was made from (its items were carried over).
-- introduction_from_year: the introduction is last year's text, not yet rewritten (NULL once it is).
-- adopted_by: who marked the plan vedtaget (adopted_on is its date).
-- changed_after_adoption: the content changed after it was adopted; (re)adopting clears it.
ALTER TABLE annual_plans
    ADD COLUMN source_plan_id bigint REFERENCES annual_plans(id),
    ADD COLUMN introduction_from_year integer CHECK (introduction_from_year BETWEEN 1900 AND 2200),
    ADD COLUMN adopted_by bigint REFERENCES users(id),
    ADD COLUMN changed_after_adoption boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT annual_plans_adoption_check CHECK (adopted_on IS NOT NULL OR NOT changed_after_adoption);
CREATE INDEX annual_plans_source_idx ON annual_plans (source_plan_id) WHERE source_plan_id IS NOT NULL;

-- text_from_year: the item's implementation text and OL note are the given year's, carried
-- over and not yet rewritten (NULL once they are).
-- ol_treated_on, ol_decision: when OL treated the item during the year and what it decided.
ALTER TABLE annual_plan_items
    ADD COLUMN text_from_year integer CHECK (text_from_year BETWEEN 1900 AND 2200),
    ADD COLUMN ol_treated_on date,
    ADD COLUMN ol_decision text NOT NULL DEFAULT '' CHECK (length(ol_decision) <= 4000),
    ADD CONSTRAINT annual_plan_items_ol_treated_check CHECK (ol_treated_on IS NOT NULL OR ol_decision = '');
CREATE INDEX annual_plan_items_same_as_idx ON annual_plan_items (same_as_id) WHERE same_as_id IS NOT NULL;

-- +goose Down
DROP INDEX annual_plan_items_same_as_idx;
ALTER TABLE annual_plan_items DROP CONSTRAINT annual_plan_items_ol_treated_check,
    DROP COLUMN ol_decision, DROP COLUMN ol_treated_on, DROP COLUMN text_from_year;
DROP INDEX annual_plans_source_idx;
ALTER TABLE annual_plans DROP CONSTRAINT annual_plans_adoption_check,
    DROP COLUMN changed_after_adoption, DROP COLUMN adopted_by, DROP COLUMN introduction_from_year,
    DROP COLUMN source_plan_id;
