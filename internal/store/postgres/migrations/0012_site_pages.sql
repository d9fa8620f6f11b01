-- The site's own pages (About us, Corrections policy, Masthead...), with revisions.
-- Expand only.
CREATE TABLE site_pages (
    id            BIGSERIAL PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    body_markdown TEXT NOT NULL DEFAULT '',
    in_footer     BOOLEAN NOT NULL DEFAULT FALSE,
    position      BIGINT NOT NULL DEFAULT 0,
    version       BIGINT NOT NULL DEFAULT 1,
    modified_at   BIGINT NOT NULL,
    modified_by   BIGINT
);
CREATE TABLE site_page_revisions (
    page_id       BIGINT NOT NULL REFERENCES site_pages(id) ON DELETE CASCADE,
    version       BIGINT NOT NULL,
    title         TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    saved_at      BIGINT NOT NULL,
    saved_by      BIGINT,
    PRIMARY KEY (page_id, version)
);
