package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"dateline/internal/settings"
)

// Site returns the saved site settings, or the defaults on a new database.
func (s *Store) Site(ctx context.Context) (settings.Site, error) {
	var v settings.Site
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT name, short_name, tagline, base_url, time_zone, language,
		copyright_holder, trusted_proxies, comments_premoderated, comments_close_days, blocked_words,
		reader_data_days, embed_hosts FROM site_settings WHERE id = 1`).
		Scan(&v.Name, &v.ShortName, &v.Tagline, &v.BaseURL, &v.TimeZone, &v.Language, &v.CopyrightHolder, &v.TrustedProxies,
			&v.CommentsPremoderated, &v.CommentsCloseDays, &v.BlockedWords, &v.ReaderDataDays, &v.EmbedHosts)
	if errors.Is(err, sql.ErrNoRows) {
		return settings.Default(), nil
	}
	if err != nil {
		return v, fmt.Errorf("store: site settings: %w", err)
	}
	v.BaseURL = s.address.effective(v.BaseURL)
	return v, nil
}

// siteAddress is where the site's address comes from besides its stored setting:
// one given at start-up wins; the address served stands in for a stored one that
// was never set (empty, or the old default).
type siteAddress struct {
	mu       sync.RWMutex
	explicit string
	served   string
}

func (a *siteAddress) effective(stored string) string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	switch {
	case a.explicit != "":
		return a.explicit
	case (stored == "" || stored == settings.LocalDefault) && a.served != "":
		return a.served
	}
	return stored
}

// SetAddress gives the site's address from start-up: explicit (--base-url) wins
// over the stored setting; served is the address actually bound, used when the
// stored one was never set.
func (s *Store) SetAddress(explicit, served string) {
	s.address.mu.Lock()
	defer s.address.mu.Unlock()
	s.address.explicit, s.address.served = explicit, served
}

// SaveSite validates and replaces the site settings. The terms of service are a
// site page now; the old column is still written, from that page, for nodes of
// the previous release during a rolling upgrade.
func (s *Store) SaveSite(ctx context.Context, v settings.Site) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := v.Validate(); err != nil {
		return err
	}
	_, err = s.wr(ctx).ExecContext(ctx, `INSERT INTO site_settings (id, name, short_name, tagline, base_url, time_zone,
		language, copyright_holder, terms_markdown, trusted_proxies, comments_premoderated, comments_close_days,
		blocked_words, reader_data_days, embed_hosts) VALUES (1, ?, ?, ?, ?, ?, ?, ?,
		COALESCE((SELECT body_markdown FROM site_pages WHERE slug = ?), ''), ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
		tagline = excluded.tagline, base_url = excluded.base_url, time_zone = excluded.time_zone,
		language = excluded.language, copyright_holder = excluded.copyright_holder,
		trusted_proxies = excluded.trusted_proxies,
		comments_premoderated = excluded.comments_premoderated, comments_close_days = excluded.comments_close_days,
		blocked_words = excluded.blocked_words, reader_data_days = excluded.reader_data_days, embed_hosts = excluded.embed_hosts`,
		v.Name, v.ShortName, v.Tagline, v.BaseURL, v.TimeZone, v.Language, v.CopyrightHolder, settings.TermsSlug, v.TrustedProxies,
		v.CommentsPremoderated, v.CommentsCloseDays, v.BlockedWords, v.ReaderDataDays, v.EmbedHosts)
	if err != nil {
		return fmt.Errorf("store: save site settings: %w", err)
	}
	return nil
}

// LegacySecret returns the secret older versions kept in the database ("" when
// there is none), so it can become the secret key outside the database.
func (s *Store) LegacySecret(ctx context.Context) (string, error) {
	var v string
	err := s.rd(ctx).QueryRowContext(ctx, "SELECT secret FROM site_secret WHERE id = 1").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: secret: %w", err)
	}
	return v, nil
}

// DropLegacySecret deletes the database's copy once the key lives outside it, so
// backups of the database no longer carry it.
func (s *Store) DropLegacySecret(ctx context.Context) error {
	if _, err := s.wr(ctx).ExecContext(ctx, "DELETE FROM site_secret"); err != nil {
		return fmt.Errorf("store: drop secret: %w", err)
	}
	return nil
}
