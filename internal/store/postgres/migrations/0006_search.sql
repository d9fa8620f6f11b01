-- Full-text search over published stories: a weighted tsvector with English stemming.
-- Text arrives prepared (Chinese and Japanese as character pairs).
CREATE TABLE story_search (
    story_id BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    doc      tsvector NOT NULL
);
CREATE INDEX story_search_doc ON story_search USING GIN (doc);

-- Related stories computed when a story is published or changed.
CREATE TABLE story_related_auto (
    story_id   BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    related_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (story_id, related_id)
);
