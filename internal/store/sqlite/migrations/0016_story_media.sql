-- The photos a story's body puts in its text (![alt](media:123)): they are public
-- while the story is, and cannot be deleted while a story uses them. Expand only.
CREATE TABLE story_media (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    media_id INTEGER NOT NULL,
    PRIMARY KEY (story_id, media_id)
);
CREATE INDEX story_media_media ON story_media (media_id);
