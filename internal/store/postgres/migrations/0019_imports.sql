-- Imports from other systems. Expand only.
-- import_links remembers what each old item became, so a second run of an export
-- changes nothing, a later export updates what changed, and a story edited in
-- Dateline since (its version moved on) is left alone.
CREATE TABLE import_links (
    source  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    old_id  TEXT NOT NULL,
    new_id  BIGINT NOT NULL,
    digest  TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (source, kind, old_id)
);
-- A redirect to a story follows the story: its address now, and none (404) while
-- it is not published, so no unpublished slug is ever in a Location header.
ALTER TABLE redirects ADD COLUMN story_id BIGINT REFERENCES stories(id) ON DELETE CASCADE;
-- A reader's reply keeps the message it answers.
ALTER TABLE messages ADD COLUMN in_reply_to BIGINT REFERENCES messages(id) ON DELETE SET NULL;
