-- The terms of service become one of the site's pages, still at /terms/.
-- Expand only: site_settings.terms_markdown stays, and saving the terms page writes
-- it too, for nodes of the previous release during a rolling upgrade.
INSERT INTO site_pages (slug, title, body_markdown, in_footer, position, version, modified_at)
SELECT 'terms', 'Terms of service',
       COALESCE((SELECT terms_markdown FROM site_settings WHERE id = 1), 'These are the terms of service of this site.'),
       TRUE, 0, 1, (EXTRACT(EPOCH FROM now()) * 1000000)::BIGINT
WHERE NOT EXISTS (SELECT 1 FROM site_pages WHERE slug = 'terms');
