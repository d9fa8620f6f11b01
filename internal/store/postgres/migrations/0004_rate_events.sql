-- Requests counted against rate limits, by key ("letters:203.0.113.9"), shared by
-- every node so a limit holds however many servers a client reaches.
CREATE TABLE rate_events (
    key TEXT NOT NULL,
    at  BIGINT NOT NULL
);
CREATE INDEX rate_events_key ON rate_events (key, at);
