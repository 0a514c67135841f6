-- +goose Up
-- Measurable goals (issue 9): indicators with a baseline, a target (and optional yearly
-- milestones) and measurements over time. See internal/domain/indicator.go for the rules.

-- An indicator belongs to exactly one item: a goal, an initiative (general or local) or an
-- action plan. organisation_id is the item's organisation, kept here so that organisation-wide
-- views find indicators with one index lookup. milestones is a JSON array of
-- {"year": 2025, "value": 40}: the value expected by 31 December of the year.
CREATE TABLE indicators (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id      bigint NOT NULL REFERENCES organisations(id),
    goal_id              bigint REFERENCES goals(id),
    initiative_id        bigint REFERENCES initiatives(id),
    action_plan_id       bigint REFERENCES action_plans(id),
    name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    definition           text NOT NULL DEFAULT '' CHECK (length(definition) <= 4000),
    unit                 text NOT NULL DEFAULT '' CHECK (length(unit) <= 40),
    direction            text NOT NULL CHECK (direction IN ('higher', 'lower')),
    baseline_value       numeric(18,4) NOT NULL,
    baseline_date        date NOT NULL,
    target_value         numeric(18,4) NOT NULL,
    target_date          date NOT NULL,
    milestones           jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(milestones) = 'array'),
    frequency            text NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
    responsible_unit_id  bigint REFERENCES units(id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              integer NOT NULL DEFAULT 1,
    archived_at          timestamptz,
    CHECK (num_nonnulls(goal_id, initiative_id, action_plan_id) = 1),
    CHECK (target_date > baseline_date)
);
CREATE INDEX indicators_organisation_idx ON indicators (organisation_id) WHERE archived_at IS NULL;
CREATE INDEX indicators_goal_idx ON indicators (goal_id) WHERE goal_id IS NOT NULL;
CREATE INDEX indicators_initiative_idx ON indicators (initiative_id) WHERE initiative_id IS NOT NULL;
CREATE INDEX indicators_action_plan_idx ON indicators (action_plan_id) WHERE action_plan_id IS NOT NULL;
CREATE INDEX indicators_responsible_unit_idx ON indicators (responsible_unit_id) WHERE responsible_unit_id IS NOT NULL;

-- The current value of an indicator for each date (the period it speaks for). A new value for a
-- date that has one replaces it (version + 1); the old value goes to the changes below.
CREATE TABLE indicator_measurements (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_id  bigint NOT NULL REFERENCES indicators(id),
    as_of         date NOT NULL,
    value         numeric(18,4) NOT NULL,
    comment       text NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
    author_id     bigint NOT NULL REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1,
    UNIQUE (indicator_id, as_of)
);

-- Corrections: each replaced value with the one that replaced it, who and when.
CREATE TABLE indicator_measurement_changes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    measurement_id  bigint NOT NULL REFERENCES indicator_measurements(id),
    indicator_id    bigint NOT NULL REFERENCES indicators(id),
    as_of           date NOT NULL,
    old_value       numeric(18,4) NOT NULL,
    old_comment     text NOT NULL DEFAULT '',
    new_value       numeric(18,4) NOT NULL,
    new_comment     text NOT NULL DEFAULT '',
    changed_by      bigint NOT NULL REFERENCES users(id),
    changed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicator_measurement_changes_indicator_idx ON indicator_measurement_changes (indicator_id, changed_at DESC);
CREATE INDEX indicator_measurement_changes_measurement_idx ON indicator_measurement_changes (measurement_id);

-- +goose Down
DROP TABLE indicator_measurement_changes;
DROP TABLE indicator_measurements;
DROP TABLE indicators;
