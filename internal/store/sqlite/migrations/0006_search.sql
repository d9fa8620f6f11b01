-- Full-text search over published stories: FTS5 with English stemming. Text arrives
-- prepared (Chinese and Japanese as character pairs); rowid is the story id.
CREATE VIRTUAL TABLE story_fts USING fts5(headline, dek, body, topics, tokenize = 'porter unicode61 remove_diacritics 2');

-- Related stories computed when a story is published or changed.
CREATE TABLE story_related_auto (
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (story_id, related_id)
);
