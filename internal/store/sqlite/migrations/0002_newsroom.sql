-- The newsroom: sign-in, tokens, audit, autosave, revisions with authors, fronts per section.

ALTER TABLE site_settings ADD COLUMN trusted_proxies TEXT NOT NULL DEFAULT '';

ALTER TABLE stories ADD COLUMN modified_by INTEGER REFERENCES people(id);

ALTER TABLE story_revisions ADD COLUMN dek TEXT NOT NULL DEFAULT '';
ALTER TABLE story_revisions ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE story_revisions ADD COLUMN saved_by INTEGER REFERENCES people(id);

-- Sessions and tokens are stored by the SHA-256 of their secret, never the secret.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    ip          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
    token_hash  TEXT PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    last_used   INTEGER
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

CREATE TABLE invites (
    token_hash  TEXT PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    expires_at  INTEGER NOT NULL
);

-- Failed sign-ins by key ("ip:1.2.3.4", "email:a@b"), for throttling across nodes.
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    person_id INTEGER REFERENCES people(id),
    action    TEXT NOT NULL,
    story_id  INTEGER,
    detail    TEXT NOT NULL DEFAULT '',
    ip        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

-- One autosave slot per person and story (story_id 0: a story not yet created).
CREATE TABLE story_autosaves (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    story_id  INTEGER NOT NULL,
    payload   TEXT NOT NULL,
    saved_at  INTEGER NOT NULL,
    PRIMARY KEY (person_id, story_id)
);

-- Fronts per section: section_id 0 is the home front.
CREATE TABLE fronts (
    section_id INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    PRIMARY KEY (section_id, position),
    UNIQUE (section_id, story_id)
);
INSERT INTO fronts (section_id, position, story_id) SELECT 0, position, story_id FROM front_slots;
DROP TABLE front_slots;
