package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"dateline/internal/settings"
)

// Site returns the saved site settings, or the defaults on a new database.
func (s *Store) Site(ctx context.Context) (settings.Site, error) {
	var v settings.Site
	err := s.read.QueryRowContext(ctx, `SELECT name, short_name, tagline, base_url, time_zone, language,
		copyright_holder, terms_markdown, trusted_proxies, comments_premoderated, comments_close_days, blocked_words,
		reader_data_days FROM site_settings WHERE id = 1`).
		Scan(&v.Name, &v.ShortName, &v.Tagline, &v.BaseURL, &v.TimeZone, &v.Language, &v.CopyrightHolder, &v.TermsMarkdown, &v.TrustedProxies,
			&v.CommentsPremoderated, &v.CommentsCloseDays, &v.BlockedWords, &v.ReaderDataDays)
	if errors.Is(err, sql.ErrNoRows) {
		return settings.Default(), nil
	}
	if err != nil {
		return v, fmt.Errorf("store: site settings: %w", err)
	}
	return v, nil
}

// SaveSite validates and replaces the site settings.
func (s *Store) SaveSite(ctx context.Context, v settings.Site) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := v.Validate(); err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, `INSERT INTO site_settings (id, name, short_name, tagline, base_url, time_zone,
		language, copyright_holder, terms_markdown, trusted_proxies, comments_premoderated, comments_close_days,
		blocked_words, reader_data_days) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
		tagline = excluded.tagline, base_url = excluded.base_url, time_zone = excluded.time_zone,
		language = excluded.language, copyright_holder = excluded.copyright_holder,
		terms_markdown = excluded.terms_markdown, trusted_proxies = excluded.trusted_proxies,
		comments_premoderated = excluded.comments_premoderated, comments_close_days = excluded.comments_close_days,
		blocked_words = excluded.blocked_words, reader_data_days = excluded.reader_data_days`,
		v.Name, v.ShortName, v.Tagline, v.BaseURL, v.TimeZone, v.Language, v.CopyrightHolder, v.TermsMarkdown, v.TrustedProxies,
		v.CommentsPremoderated, v.CommentsCloseDays, v.BlockedWords, v.ReaderDataDays)
	if err != nil {
		return fmt.Errorf("store: save site settings: %w", err)
	}
	return nil
}

// Secret returns the site secret, making it on first use. Two nodes racing to make
// it both read back the one that was stored first.
func (s *Store) Secret(ctx context.Context) (string, error) {
	var v string
	err := s.read.QueryRowContext(ctx, "SELECT secret FROM site_secret WHERE id = 1").Scan(&v)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: secret: %w", err)
	}
	b := make([]byte, 32)
	rand.Read(b)
	if _, err := s.write.ExecContext(ctx, "INSERT INTO site_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", hex.EncodeToString(b)); err != nil {
		return "", fmt.Errorf("store: secret: %w", err)
	}
	if err := s.write.QueryRowContext(ctx, "SELECT secret FROM site_secret WHERE id = 1").Scan(&v); err != nil {
		return "", fmt.Errorf("store: secret: %w", err)
	}
	return v, nil
}
