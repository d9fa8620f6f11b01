-- The trash and tombstones. Expand only: older releases ignore both.
-- A story in the trash keeps everything; restoring it clears trashed_at. After 30
-- days, or when an admin deletes it, it goes for good.
ALTER TABLE stories ADD COLUMN trashed_at INTEGER;
CREATE INDEX stories_trashed ON stories (trashed_at);

-- A once-published story deleted for good leaves its slugs here, so its URLs
-- answer 410 Gone rather than 404.
CREATE TABLE story_tombstones (
    slug       TEXT PRIMARY KEY,
    story_id   INTEGER NOT NULL,
    deleted_at INTEGER NOT NULL
);
