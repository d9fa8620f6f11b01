-- The letters desk: moderation settings, reader-data retention, salted IP hashes.
ALTER TABLE site_settings ADD COLUMN comments_premoderated INTEGER NOT NULL DEFAULT 1;
ALTER TABLE site_settings ADD COLUMN comments_close_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE site_settings ADD COLUMN blocked_words TEXT NOT NULL DEFAULT '';
ALTER TABLE site_settings ADD COLUMN reader_data_days INTEGER NOT NULL DEFAULT 90;
ALTER TABLE messages ADD COLUMN ip_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_email ON messages (email);
CREATE INDEX messages_state_created ON messages (state, created_at DESC);

-- A random secret made on first use: it salts IP hashes and signs form timestamps.
CREATE TABLE site_secret (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);
