-- One redirect table: every old address that moved (a renamed topic or section,
-- and later imported sites' URLs) and where it went now, as site paths. Expand
-- only. Chains are collapsed when written, so each old address is one hop.
CREATE TABLE redirects (
    from_path  TEXT PRIMARY KEY,
    to_path    TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX redirects_to ON redirects (to_path);
