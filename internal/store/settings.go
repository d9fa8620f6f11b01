package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"dateline/internal/settings"
)

// Site returns the saved site settings, or the defaults on a new database.
func (s *Store) Site(ctx context.Context) (settings.Site, error) {
	var v settings.Site
	err := s.read.QueryRowContext(ctx, `SELECT name, short_name, tagline, base_url, time_zone, language,
		copyright_holder, terms_markdown, trusted_proxies FROM site_settings WHERE id = 1`).
		Scan(&v.Name, &v.ShortName, &v.Tagline, &v.BaseURL, &v.TimeZone, &v.Language, &v.CopyrightHolder, &v.TermsMarkdown, &v.TrustedProxies)
	if errors.Is(err, sql.ErrNoRows) {
		return settings.Default(), nil
	}
	if err != nil {
		return v, fmt.Errorf("store: site settings: %w", err)
	}
	return v, nil
}

// SaveSite validates and replaces the site settings.
func (s *Store) SaveSite(ctx context.Context, v settings.Site) error {
	if err := v.Validate(); err != nil {
		return err
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO site_settings (id, name, short_name, tagline, base_url, time_zone,
		language, copyright_holder, terms_markdown, trusted_proxies) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
		tagline = excluded.tagline, base_url = excluded.base_url, time_zone = excluded.time_zone,
		language = excluded.language, copyright_holder = excluded.copyright_holder,
		terms_markdown = excluded.terms_markdown, trusted_proxies = excluded.trusted_proxies`,
		v.Name, v.ShortName, v.Tagline, v.BaseURL, v.TimeZone, v.Language, v.CopyrightHolder, v.TermsMarkdown, v.TrustedProxies)
	if err != nil {
		return fmt.Errorf("store: save site settings: %w", err)
	}
	return nil
}
