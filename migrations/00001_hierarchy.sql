-- +goose Up
-- The strategy chain of DOMAIN.md: organisation → policy → objective → goal ↔ track ← strategy,
-- track → initiative (general, then local per unit) → action plan, held by agreements.
-- Every row a user will edit carries created_at, updated_at and version (optimistic locking)
-- and archived_at (archived rows stay for history and for the agreements that refer to them).

CREATE TABLE organisations (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug                   text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind                   text NOT NULL CHECK (kind IN ('kommune', 'region')),
    vision                 text NOT NULL DEFAULT '',
    vision_description     text NOT NULL DEFAULT '',
    -- The organisation's own names for the levels (singular and plural).
    label_track            text NOT NULL DEFAULT 'Strategispor',
    label_tracks           text NOT NULL DEFAULT 'Strategispor',
    label_general          text NOT NULL DEFAULT 'Generel indsats',
    label_generals         text NOT NULL DEFAULT 'Generelle indsatser',
    label_local            text NOT NULL DEFAULT 'Lokal indsats',
    label_locals           text NOT NULL DEFAULT 'Lokale indsatser',
    label_action_plan      text NOT NULL DEFAULT 'Handleplan',
    label_action_plans     text NOT NULL DEFAULT 'Handleplaner',
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                integer NOT NULL DEFAULT 1,
    archived_at            timestamptz
);

CREATE TABLE units (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    parent_id        bigint REFERENCES units(id),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind             text NOT NULL CHECK (kind IN ('direktion', 'fagomraade', 'omraade', 'specialomraade', 'enhed')),
    leader_title     text NOT NULL DEFAULT '',
    description      text NOT NULL DEFAULT '',
    position         integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    archived_at      timestamptz,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX units_organisation_idx ON units (organisation_id, position);
CREATE INDEX units_parent_idx ON units (parent_id);

CREATE TABLE policies (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    kind             text NOT NULL CHECK (kind IN ('politik', 'strategiplan')),
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description      text NOT NULL DEFAULT '',
    -- Whether the objectives are numbered in the document (the politikker number them,
    -- Direktionens Strategiplan does not).
    numbered         boolean NOT NULL DEFAULT true,
    position         integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    archived_at      timestamptz
);
CREATE INDEX policies_organisation_idx ON policies (organisation_id, position);

CREATE TABLE objectives (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_id    bigint NOT NULL REFERENCES policies(id),
    number       integer NOT NULL CHECK (number > 0),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description  text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1,
    archived_at  timestamptz,
    UNIQUE (policy_id, number)
);

CREATE TABLE goals (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    objective_id  bigint NOT NULL REFERENCES objectives(id),
    position      integer NOT NULL DEFAULT 0,
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
    description   text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1,
    archived_at   timestamptz
);
CREATE INDEX goals_objective_idx ON goals (objective_id, position);

CREATE TABLE strategies (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    unit_id          bigint REFERENCES units(id),
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    period_start     integer NOT NULL CHECK (period_start BETWEEN 1900 AND 2200),
    period_end       integer NOT NULL CHECK (period_end BETWEEN 1900 AND 2200),
    vision           text NOT NULL DEFAULT '',
    description      text NOT NULL DEFAULT '',
    position         integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    archived_at      timestamptz,
    CHECK (period_end >= period_start)
);
CREATE INDEX strategies_organisation_idx ON strategies (organisation_id, position);

CREATE TABLE tracks (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    strategy_id  bigint NOT NULL REFERENCES strategies(id),
    number       integer NOT NULL CHECK (number > 0),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description  text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1,
    archived_at  timestamptz,
    UNIQUE (strategy_id, number)
);

-- A goal is realised through one or more tracks (Bilag 1's last column).
CREATE TABLE goal_tracks (
    goal_id   bigint NOT NULL REFERENCES goals(id),
    track_id  bigint NOT NULL REFERENCES tracks(id),
    PRIMARY KEY (goal_id, track_id)
);
CREATE INDEX goal_tracks_track_idx ON goal_tracks (track_id);

-- Initiatives: a general one hangs under a track; a local one under a general one, for one unit.
-- track_id is kept on local initiatives too (equal to the parent's, enforced by the composite key)
-- so that everything under a track is one index lookup.
CREATE TABLE initiatives (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    track_id     bigint NOT NULL REFERENCES tracks(id),
    kind         text NOT NULL CHECK (kind IN ('general', 'local')),
    parent_id    bigint,
    unit_id      bigint REFERENCES units(id),
    number       integer NOT NULL DEFAULT 0,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
    description  text NOT NULL DEFAULT '',
    start_date   date,
    end_date     date,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1,
    archived_at  timestamptz,
    UNIQUE (id, track_id),
    FOREIGN KEY (parent_id, track_id) REFERENCES initiatives (id, track_id),
    CHECK ((kind = 'general' AND parent_id IS NULL AND unit_id IS NULL)
        OR (kind = 'local' AND parent_id IS NOT NULL AND unit_id IS NOT NULL)),
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX initiatives_track_idx ON initiatives (track_id, number);
CREATE INDEX initiatives_parent_idx ON initiatives (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX initiatives_unit_idx ON initiatives (unit_id) WHERE unit_id IS NOT NULL;

-- Indsatstrappen: the steps from prevention (green) upward.
CREATE TABLE ladder_steps (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    position         integer NOT NULL,
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    colour           text NOT NULL CHECK (colour ~ '^#[0-9a-f]{6}$'),
    description      text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    archived_at      timestamptz,
    UNIQUE (organisation_id, position)
);

CREATE TABLE action_plans (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    initiative_id   bigint NOT NULL REFERENCES initiatives(id),
    code            text NOT NULL DEFAULT '' CHECK (length(code) <= 20),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
    description     text NOT NULL DEFAULT '',
    responsible     text NOT NULL DEFAULT '',
    start_date      date,
    deadline        date,
    ladder_step_id  bigint REFERENCES ladder_steps(id),
    position        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1,
    archived_at     timestamptz,
    CHECK (deadline IS NULL OR start_date IS NULL OR deadline >= start_date)
);
CREATE INDEX action_plans_initiative_idx ON action_plans (initiative_id, position);
CREATE UNIQUE INDEX action_plans_code_idx ON action_plans (initiative_id, code) WHERE code <> '';

-- Dialogbaserede aftaler: between an upper party (e.g. Direktionen) and a lower (e.g. the fagchef).
CREATE TABLE agreements (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    kind             text NOT NULL CHECK (kind IN ('overordnet', 'omraade')),
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    strategy_id      bigint REFERENCES strategies(id),
    parent_id        bigint REFERENCES agreements(id),
    upper_unit_id    bigint NOT NULL REFERENCES units(id),
    upper_title      text NOT NULL DEFAULT '',
    lower_unit_id    bigint NOT NULL REFERENCES units(id),
    lower_title      text NOT NULL DEFAULT '',
    period_start     integer NOT NULL CHECK (period_start BETWEEN 1900 AND 2200),
    period_end       integer NOT NULL CHECK (period_end BETWEEN 1900 AND 2200),
    document_ref     text NOT NULL DEFAULT '',
    framework        text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    archived_at      timestamptz,
    CHECK (period_end >= period_start),
    CHECK (upper_unit_id <> lower_unit_id)
);
CREATE INDEX agreements_organisation_idx ON agreements (organisation_id);
CREATE INDEX agreements_lower_unit_idx ON agreements (lower_unit_id);

CREATE TABLE agreement_initiatives (
    agreement_id   bigint NOT NULL REFERENCES agreements(id),
    initiative_id  bigint NOT NULL REFERENCES initiatives(id),
    PRIMARY KEY (agreement_id, initiative_id)
);
CREATE INDEX agreement_initiatives_initiative_idx ON agreement_initiatives (initiative_id);

-- Begreber (Bilag 2).
CREATE TABLE terms (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    description      text NOT NULL DEFAULT '',
    more_info        text NOT NULL DEFAULT '',
    position         integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    archived_at      timestamptz,
    UNIQUE (organisation_id, name)
);

CREATE TABLE term_links (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    term_id   bigint NOT NULL REFERENCES terms(id) ON DELETE CASCADE,
    position  integer NOT NULL DEFAULT 0,
    url       text NOT NULL CHECK (url ~ '^https?://'),
    label     text NOT NULL DEFAULT ''
);
CREATE INDEX term_links_term_idx ON term_links (term_id, position);

-- The yearly indsatsplan of a strategy (the region's way of working).
CREATE TABLE annual_plans (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    strategy_id   bigint NOT NULL REFERENCES strategies(id),
    year          integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    main_theme    text NOT NULL DEFAULT '',
    introduction  text NOT NULL DEFAULT '',
    adopted_on    date,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1,
    archived_at   timestamptz,
    UNIQUE (strategy_id, year)
);

-- Each indsatsområde's narrative and assessment for the year.
CREATE TABLE annual_plan_areas (
    annual_plan_id  bigint NOT NULL REFERENCES annual_plans(id),
    initiative_id   bigint NOT NULL REFERENCES initiatives(id),
    narrative       text NOT NULL DEFAULT '',
    assessment      text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1,
    PRIMARY KEY (annual_plan_id, initiative_id)
);

-- Each handleplan's implementation text and markers for the year.
CREATE TABLE annual_plan_items (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    annual_plan_id  bigint NOT NULL REFERENCES annual_plans(id),
    action_plan_id  bigint NOT NULL REFERENCES action_plans(id),
    phase           text NOT NULL CHECK (phase IN ('forberedende', 'aktiv')),
    implementation  text NOT NULL DEFAULT '',
    is_new          boolean NOT NULL DEFAULT false,
    ol              boolean NOT NULL DEFAULT false,
    ol_note         text NOT NULL DEFAULT '',
    -- The row whose implementation text also covers this one (a merged cell in the document).
    same_as_id      bigint REFERENCES annual_plan_items(id),
    position        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1,
    UNIQUE (annual_plan_id, action_plan_id),
    CHECK (ol OR ol_note = '')
);
CREATE INDEX annual_plan_items_action_plan_idx ON annual_plan_items (action_plan_id);

-- People who sign in. Roles per DOMAIN.md; a fagchef or områdeleder belongs to a unit.
CREATE TABLE users (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    unit_id          bigint REFERENCES units(id),
    email            text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role             text NOT NULL CHECK (role IN ('admin', 'direktion', 'fagchef', 'omraadeleder', 'laeser')),
    password_hash    text NOT NULL,
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    CHECK (role NOT IN ('fagchef', 'omraadeleder') OR unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_idx ON users (email);
CREATE INDEX users_organisation_idx ON users (organisation_id);

-- +goose Down
DROP TABLE users;
DROP TABLE annual_plan_items;
DROP TABLE annual_plan_areas;
DROP TABLE annual_plans;
DROP TABLE term_links;
DROP TABLE terms;
DROP TABLE agreement_initiatives;
DROP TABLE agreements;
DROP TABLE action_plans;
DROP TABLE ladder_steps;
DROP TABLE initiatives;
DROP TABLE goal_tracks;
DROP TABLE tracks;
DROP TABLE strategies;
DROP TABLE goals;
DROP TABLE objectives;
DROP TABLE policies;
DROP TABLE units;
DROP TABLE organisations;
