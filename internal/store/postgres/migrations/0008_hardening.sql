-- Hardening: throttles counted in one statement, one-time links that revoke their
-- elders, and no raw client addresses at rest.

-- Attempts (sign-in, invitation and reset links) per key in a fixed window: one
-- upsert counts and decides, so parallel requests cannot all pass a limit. Keys are
-- keyed hashes, never raw addresses or emails.
CREATE TABLE attempt_counters (
    key          TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    n            INTEGER NOT NULL
);
CREATE INDEX attempt_counters_window ON attempt_counters (window_start);
DROP TABLE login_failures;

-- Invitation or password reset; when the link was made.
ALTER TABLE invites ADD COLUMN kind TEXT NOT NULL DEFAULT 'invite';
ALTER TABLE invites ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX invites_person ON invites (person_id);

-- Rate events were keyed by raw addresses; from now on keys are keyed hashes.
DELETE FROM rate_events;

-- Photos stored before metadata was stripped (EXIF with GPS positions, camera serial
-- numbers) are cleaned by the server on start; new ones are stored clean.
ALTER TABLE media ADD COLUMN clean BOOLEAN NOT NULL DEFAULT FALSE;
