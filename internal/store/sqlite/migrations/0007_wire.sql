-- The wire queue: one row per agency item holding its latest version, every version
-- as received (for diffs and the record), and the stories made from the items.
CREATE TABLE wire_items (
    id          INTEGER PRIMARY KEY,
    agency      TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    version     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    urgency     INTEGER NOT NULL DEFAULT 0,
    headline    TEXT NOT NULL DEFAULT '',
    item        TEXT NOT NULL, -- the parsed item as JSON, without the raw copy
    received_at INTEGER NOT NULL,
    changed_at  INTEGER NOT NULL,
    UNIQUE (agency, item_id)
);
CREATE INDEX wire_items_changed ON wire_items (changed_at DESC, id DESC);

CREATE TABLE wire_versions (
    wire_id     INTEGER NOT NULL REFERENCES wire_items(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    status      TEXT NOT NULL,
    item        TEXT NOT NULL,
    raw         BLOB NOT NULL, -- exactly as received, whatever its encoding
    received_at INTEGER NOT NULL,
    PRIMARY KEY (wire_id, seq)
);

CREATE TABLE wire_uses (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    wire_id  INTEGER NOT NULL REFERENCES wire_items(id),
    as_is    INTEGER NOT NULL DEFAULT 0,
    used_at  INTEGER NOT NULL,
    used_by  INTEGER REFERENCES people(id)
);
CREATE INDEX wire_uses_wire ON wire_uses (wire_id);

-- Stories made from wire copy, found by their source for the update and withdrawal flags.
CREATE INDEX stories_wire_source ON stories (source_agency, source_item_id) WHERE source_item_id <> '';
