-- Photos' alt text, caption and credit are edited in the newsroom; a version makes
-- two editors' edits a conflict rather than a silent overwrite. Expand only.
ALTER TABLE media ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
