-- +goose Up
-- Keeping the DBA alive: status updates, dialogue, the change history, approvals.

-- The follow-up rhythm of an agreement, in months (quarterly by default), and when its content
-- last changed (to tell "ændret efter godkendelse").
ALTER TABLE agreements
    ADD COLUMN follow_up_months integer NOT NULL DEFAULT 3 CHECK (follow_up_months IN (1, 2, 3, 4, 6, 12)),
    ADD COLUMN content_changed_at timestamptz;

-- The current status is kept on the item itself (written in the status update's transaction),
-- so every list reads it without touching the history.
ALTER TABLE initiatives
    ADD COLUMN responsible text NOT NULL DEFAULT '',
    ADD COLUMN weight numeric(6,2) NOT NULL DEFAULT 1 CHECK (weight > 0),
    ADD COLUMN status_phase text NOT NULL DEFAULT 'ikke_paabegyndt',
    ADD COLUMN status_health text,
    ADD COLUMN status_progress smallint NOT NULL DEFAULT 0 CHECK (status_progress BETWEEN 0 AND 100),
    ADD COLUMN status_as_of date,
    ADD COLUMN status_updated_at timestamptz;
ALTER TABLE action_plans
    ADD COLUMN weight numeric(6,2) NOT NULL DEFAULT 1 CHECK (weight > 0),
    ADD COLUMN status_phase text NOT NULL DEFAULT 'ikke_paabegyndt',
    ADD COLUMN status_health text,
    ADD COLUMN status_progress smallint NOT NULL DEFAULT 0 CHECK (status_progress BETWEEN 0 AND 100),
    ADD COLUMN status_as_of date,
    ADD COLUMN status_updated_at timestamptz;
ALTER TABLE initiatives ADD CONSTRAINT initiatives_status_phase_check
    CHECK (status_phase IN ('ikke_paabegyndt', 'forberedende', 'under_implementering', 'implementeret', 'sat_i_bero'));
ALTER TABLE initiatives ADD CONSTRAINT initiatives_status_health_check
    CHECK (status_health IN ('paa_sporet', 'udfordret', 'kritisk'));
ALTER TABLE action_plans ADD CONSTRAINT action_plans_status_phase_check
    CHECK (status_phase IN ('ikke_paabegyndt', 'forberedende', 'under_implementering', 'implementeret', 'sat_i_bero'));
ALTER TABLE action_plans ADD CONSTRAINT action_plans_status_health_check
    CHECK (status_health IN ('paa_sporet', 'udfordret', 'kritisk'));

-- A handleplan may name the begreber it builds on.
CREATE TABLE action_plan_terms (
    action_plan_id  bigint NOT NULL REFERENCES action_plans(id),
    term_id         bigint NOT NULL REFERENCES terms(id),
    PRIMARY KEY (action_plan_id, term_id)
);
CREATE INDEX action_plan_terms_term_idx ON action_plan_terms (term_id);

-- A dated check-in on an initiative or an action plan.
CREATE TABLE status_updates (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    initiative_id    bigint REFERENCES initiatives(id),
    action_plan_id   bigint REFERENCES action_plans(id),
    phase            text NOT NULL CHECK (phase IN ('ikke_paabegyndt', 'forberedende', 'under_implementering', 'implementeret', 'sat_i_bero')),
    health           text NOT NULL CHECK (health IN ('paa_sporet', 'udfordret', 'kritisk')),
    progress         smallint NOT NULL CHECK (progress BETWEEN 0 AND 100),
    comment          text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
    as_of            date NOT NULL,
    author_id        bigint NOT NULL REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((initiative_id IS NULL) <> (action_plan_id IS NULL)),
    CHECK (health <> 'kritisk' OR btrim(comment) <> '')
);
CREATE INDEX status_updates_initiative_idx ON status_updates (initiative_id, as_of DESC, id DESC) WHERE initiative_id IS NOT NULL;
CREATE INDEX status_updates_action_plan_idx ON status_updates (action_plan_id, as_of DESC, id DESC) WHERE action_plan_id IS NOT NULL;
CREATE INDEX status_updates_organisation_idx ON status_updates (organisation_id, created_at DESC);

-- The dialogue on an agreement, an initiative or an action plan.
CREATE TABLE comments (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    agreement_id     bigint REFERENCES agreements(id),
    initiative_id    bigint REFERENCES initiatives(id),
    action_plan_id   bigint REFERENCES action_plans(id),
    author_id        bigint NOT NULL REFERENCES users(id),
    body             text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(agreement_id, initiative_id, action_plan_id) = 1)
);
CREATE INDEX comments_agreement_idx ON comments (agreement_id, created_at) WHERE agreement_id IS NOT NULL;
CREATE INDEX comments_initiative_idx ON comments (initiative_id, created_at) WHERE initiative_id IS NOT NULL;
CREATE INDEX comments_action_plan_idx ON comments (action_plan_id, created_at) WHERE action_plan_id IS NOT NULL;

-- The change history: who did what to which item, when, with each changed field's old and new
-- value. Written in the same transaction as the change. unit_id is the unit the item belongs
-- to (for "Mine opgaver"); entity is 'agreement', 'initiative', 'action_plan', 'user', ….
CREATE TABLE audit_log (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    actor_id         bigint REFERENCES users(id),
    at               timestamptz NOT NULL DEFAULT now(),
    action           text NOT NULL CHECK (action IN ('create', 'update', 'archive', 'restore', 'status', 'comment', 'approve', 'delete')),
    entity           text NOT NULL,
    entity_id        bigint NOT NULL,
    unit_id          bigint REFERENCES units(id),
    title            text NOT NULL DEFAULT '',
    changes          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_organisation_idx ON audit_log (organisation_id, at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);
CREATE INDEX audit_log_unit_idx ON audit_log (unit_id, at DESC) WHERE unit_id IS NOT NULL;

-- Each approval of an agreement freezes its content as it was.
CREATE TABLE agreement_approvals (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id  bigint NOT NULL REFERENCES agreements(id),
    approved_by   bigint NOT NULL REFERENCES users(id),
    approved_at   timestamptz NOT NULL DEFAULT now(),
    snapshot      jsonb NOT NULL
);
CREATE INDEX agreement_approvals_agreement_idx ON agreement_approvals (agreement_id, approved_at DESC);

-- What a person has seen of others' activity on their items ("Mine opgaver").
CREATE TABLE activity_reads (
    user_id   bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    audit_id  bigint NOT NULL REFERENCES audit_log(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, audit_id)
);

-- +goose Down
DROP TABLE activity_reads;
DROP TABLE agreement_approvals;
DROP TABLE audit_log;
DROP TABLE comments;
DROP TABLE status_updates;
DROP TABLE action_plan_terms;
ALTER TABLE action_plans DROP CONSTRAINT action_plans_status_health_check, DROP CONSTRAINT action_plans_status_phase_check,
    DROP COLUMN status_updated_at, DROP COLUMN status_as_of, DROP COLUMN status_progress, DROP COLUMN status_health,
    DROP COLUMN status_phase, DROP COLUMN weight;
ALTER TABLE initiatives DROP CONSTRAINT initiatives_status_health_check, DROP CONSTRAINT initiatives_status_phase_check,
    DROP COLUMN status_updated_at, DROP COLUMN status_as_of, DROP COLUMN status_progress, DROP COLUMN status_health,
    DROP COLUMN status_phase, DROP COLUMN weight, DROP COLUMN responsible;
ALTER TABLE agreements DROP COLUMN content_changed_at, DROP COLUMN follow_up_months;
