-- +goose Up
-- Sign-in through the organisation's own identity provider (internal/sso, server/sso_*.go).

-- Whether the organisation's people may sign in with e-mail and password, and the e-mail
-- domains that send the sign-in page on to the organisation's own methods.
ALTER TABLE organisations ADD COLUMN local_login boolean NOT NULL DEFAULT true;
ALTER TABLE organisations ADD COLUMN email_domains text[] NOT NULL DEFAULT '{}';

-- The directory's stable identifier of a unit (e.g. its UUID), so that a mapping survives renames.
ALTER TABLE units ADD COLUMN external_id text CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200);
CREATE UNIQUE INDEX units_external_id_idx ON units (organisation_id, external_id) WHERE external_id IS NOT NULL;

-- One identity provider of an organisation: OpenID Connect or SAML 2.0. Secrets (the OIDC
-- client secret, the SAML service provider's private key) are sealed with SSO_SECRET_KEY
-- (sso/secrets.go) and never shown back.
CREATE TABLE sign_in_methods (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  bigint NOT NULL REFERENCES organisations(id),
    slug             text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    kind             text NOT NULL CHECK (kind IN ('oidc', 'saml')),
    display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    enabled          boolean NOT NULL DEFAULT true,
    -- OpenID Connect
    issuer           text NOT NULL DEFAULT '',
    client_id        text NOT NULL DEFAULT '',
    client_secret    bytea,
    scopes           text NOT NULL DEFAULT 'openid email profile',
    -- SAML 2.0: the IdP's metadata (fetched from the URL or uploaded) and our own key pair.
    idp_metadata_url text NOT NULL DEFAULT '',
    idp_metadata     text NOT NULL DEFAULT '',
    sp_certificate   text NOT NULL DEFAULT '',
    sp_private_key   bytea,
    -- Which claims (attributes) carry what.
    subject_claim    text NOT NULL DEFAULT '',
    email_claim      text NOT NULL DEFAULT 'email',
    name_claim       text NOT NULL DEFAULT 'name',
    role_claim       text NOT NULL DEFAULT 'roles',
    unit_claim       text NOT NULL DEFAULT '',
    logout_url       text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    UNIQUE (organisation_id, slug)
);

-- A claim value (an app role, a group, a KOMBIT privilege) and what it gives in Sporbar. The
-- first matching mapping by position decides the role; its unit, or the unit claim, the unit.
CREATE TABLE sign_in_mappings (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    method_id    bigint NOT NULL REFERENCES sign_in_methods(id) ON DELETE CASCADE,
    claim_value  text NOT NULL CHECK (length(claim_value) BETWEEN 1 AND 500),
    role         text NOT NULL CHECK (role IN ('admin', 'direktion', 'fagchef', 'omraadeleder', 'laeser')),
    unit_id      bigint REFERENCES units(id) ON DELETE SET NULL, -- a deleted unit leaves the mapping without one
    position     integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (method_id, claim_value)
);

-- A person's identity at a method: the IdP's stable subject (OIDC sub, SAML NameID), never the
-- e-mail alone. access_lost_at is set when the IdP last said the person has no role in Sporbar.
CREATE TABLE user_identities (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    method_id       bigint NOT NULL REFERENCES sign_in_methods(id) ON DELETE CASCADE,
    subject         text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_login_at   timestamptz,
    access_lost_at  timestamptz,
    UNIQUE (method_id, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

-- Sign-ins under way: state (OIDC) or request id (SAML), nonce and PKCE verifier, where to go
-- afterwards. Used once; a row older than its expiry is worth nothing.
CREATE TABLE sign_in_requests (
    state_hash      bytea PRIMARY KEY,
    method_id       bigint NOT NULL REFERENCES sign_in_methods(id) ON DELETE CASCADE,
    request_id      text NOT NULL DEFAULT '',
    nonce           text NOT NULL DEFAULT '',
    pkce_verifier   text NOT NULL DEFAULT '',
    browser_hash    bytea,
    next            text NOT NULL DEFAULT '',
    expires_at      timestamptz NOT NULL
);
CREATE INDEX sign_in_requests_request_idx ON sign_in_requests (method_id, request_id);
CREATE INDEX sign_in_requests_expiry_idx ON sign_in_requests (expires_at);

-- SAML assertions already used, remembered until they expire, so a replayed one is refused.
CREATE TABLE sign_in_assertions (
    method_id     bigint NOT NULL REFERENCES sign_in_methods(id) ON DELETE CASCADE,
    assertion_id  text NOT NULL,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (method_id, assertion_id)
);

-- +goose Down
DROP TABLE sign_in_assertions;
DROP TABLE sign_in_requests;
DROP TABLE user_identities;
DROP TABLE sign_in_mappings;
DROP TABLE sign_in_methods;
DROP INDEX units_external_id_idx;
ALTER TABLE units DROP COLUMN external_id;
ALTER TABLE organisations DROP COLUMN email_domains;
ALTER TABLE organisations DROP COLUMN local_login;
