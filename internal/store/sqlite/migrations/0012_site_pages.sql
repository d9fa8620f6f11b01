-- The site's own pages (About us, Corrections policy, Masthead...), with revisions.
-- Expand only.
CREATE TABLE site_pages (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    body_markdown TEXT NOT NULL DEFAULT '',
    in_footer     INTEGER NOT NULL DEFAULT 0,
    position      INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
    modified_at   INTEGER NOT NULL,
    modified_by   INTEGER
);
CREATE TABLE site_page_revisions (
    page_id       INTEGER NOT NULL REFERENCES site_pages(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    title         TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    saved_at      INTEGER NOT NULL,
    saved_by      INTEGER,
    PRIMARY KEY (page_id, version)
);
