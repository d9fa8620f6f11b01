-- Embed providers admins allow besides the built-in ones. Expand only.
ALTER TABLE site_settings ADD COLUMN embed_hosts TEXT NOT NULL DEFAULT '';
