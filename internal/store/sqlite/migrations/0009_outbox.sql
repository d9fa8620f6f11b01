-- The outbox: work that must follow a committed change (a CDN purge, a related-story
-- refresh, a notice to the letters desk), written in the change's own transaction
-- and claimed by a worker on any node with a lease. The id is the idempotency key.
-- Expand only: older releases ignore the table.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: it is the idempotency key
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    available_at INTEGER NOT NULL,
    lease_owner  TEXT NOT NULL DEFAULT '',
    lease_until  INTEGER NOT NULL DEFAULT 0,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (kind, available_at, id);
