-- Widths of the resized copies kept beside each photo, e.g. "480,960".
ALTER TABLE media ADD COLUMN variants TEXT NOT NULL DEFAULT '';
