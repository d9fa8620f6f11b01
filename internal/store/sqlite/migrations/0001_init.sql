-- Times are INTEGER microseconds since the Unix epoch, UTC, so that both engines
-- compare and index them the same way.

CREATE TABLE site_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    name             TEXT NOT NULL,
    short_name       TEXT NOT NULL,
    tagline          TEXT NOT NULL DEFAULT '',
    base_url         TEXT NOT NULL,
    time_zone        TEXT NOT NULL,
    language         TEXT NOT NULL,
    copyright_holder TEXT NOT NULL,
    terms_markdown   TEXT NOT NULL
);

CREATE TABLE sections (
    id        INTEGER PRIMARY KEY,
    slug      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    parent_id INTEGER REFERENCES sections(id),
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE topics (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE bureaus (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    city      TEXT NOT NULL,
    time_zone TEXT NOT NULL
);

CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    byline_name   TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    bio           TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL,
    bureau_id     INTEGER REFERENCES bureaus(id),
    password_hash TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE media (
    id           INTEGER PRIMARY KEY,
    file_name    TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    alt          TEXT NOT NULL,
    caption      TEXT NOT NULL DEFAULT '',
    credit       TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
);

CREATE TABLE stories (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    headline       TEXT NOT NULL,
    dek            TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL DEFAULT 'en',
    section_id     INTEGER NOT NULL REFERENCES sections(id),
    dateline_city  TEXT NOT NULL DEFAULT '',
    bureau_id      INTEGER REFERENCES bureaus(id),
    body_markdown  TEXT NOT NULL DEFAULT '',
    lead_media_id  INTEGER REFERENCES media(id),
    credit_line    TEXT NOT NULL DEFAULT '',
    comments_open  INTEGER NOT NULL DEFAULT 1,
    state          TEXT NOT NULL,
    published_at   INTEGER,
    updated_at     INTEGER,
    scheduled_at   INTEGER,
    source_agency  TEXT NOT NULL DEFAULT '',
    source_item_id TEXT NOT NULL DEFAULT '',
    source_version INTEGER NOT NULL DEFAULT 0,
    version        INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    modified_at    INTEGER NOT NULL
);
CREATE INDEX stories_state_published ON stories (state, published_at DESC);
CREATE INDEX stories_section_published ON stories (section_id, state, published_at DESC);
CREATE INDEX stories_lead_media ON stories (lead_media_id);

CREATE TABLE story_topics (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, topic_id)
);
CREATE INDEX story_topics_topic ON story_topics (topic_id, story_id);

CREATE TABLE story_authors (
    story_id  INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    position  INTEGER NOT NULL,
    PRIMARY KEY (story_id, person_id)
);
CREATE INDEX story_authors_person ON story_authors (person_id, story_id);

CREATE TABLE story_related (
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (story_id, related_id)
);

CREATE TABLE story_sites (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    url      TEXT NOT NULL,
    PRIMARY KEY (story_id, position)
);

CREATE TABLE story_notes (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    text     TEXT NOT NULL,
    at       INTEGER NOT NULL,
    PRIMARY KEY (story_id, position)
);

-- Slugs a story had before, so that old URLs still answer with a redirect.
CREATE TABLE story_old_slugs (
    slug     TEXT PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE
);

CREATE TABLE story_revisions (
    story_id      INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    headline      TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    saved_at      INTEGER NOT NULL,
    PRIMARY KEY (story_id, version)
);

CREATE TABLE front_slots (
    position INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL UNIQUE REFERENCES stories(id) ON DELETE CASCADE
);

CREATE TABLE messages (
    id            INTEGER PRIMARY KEY,
    story_id      INTEGER REFERENCES stories(id) ON DELETE SET NULL,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    state         TEXT NOT NULL,
    featured_rank INTEGER NOT NULL DEFAULT 0,
    edited        INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX messages_story_state ON messages (story_id, state, created_at DESC);
