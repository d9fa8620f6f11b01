-- A front's version: an order saved from an older one is refused, so two editors
-- ordering one front at once cannot silently overwrite each other. Expand only.
CREATE TABLE front_versions (
    section_id INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 0
);
