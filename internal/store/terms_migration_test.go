package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"dateline/internal/settings"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
)

// TestTermsMoveToASitePage: a site's terms of service, written in the settings
// before this release, become its /terms/ page when the database is migrated, on
// both engines; a new site starts with a terms page.
func TestTermsMoveToASitePage(t *testing.T) {
	engines := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "site.db") },
		"postgres": func(t *testing.T) string { return pgtest.URL(t) },
	}
	for name, dsn := range engines {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			where := dsn(t)
			s, err := store.Open(ctx, where)
			if err != nil {
				t.Fatal(err)
			}
			if p, err := s.SitePageBySlug(ctx, settings.TermsSlug); err != nil || p.Title != "Terms of service" || !p.InFooter {
				t.Fatalf("a new site's terms page: %+v %v", p, err)
			}
			if err := s.SaveSite(ctx, settings.Default()); err != nil {
				t.Fatal(err)
			}
			// The database as the previous release left it: the terms in the
			// settings, no terms page, migration 13 not applied.
			for _, q := range []string{
				"DELETE FROM site_pages",
				"UPDATE site_settings SET terms_markdown = 'Our **own** terms.'",
				"DELETE FROM schema_migrations WHERE version = 13",
			} {
				if _, err := s.DB().ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			s.Close()
			s, err = store.Open(ctx, where)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			p, err := s.SitePageBySlug(ctx, settings.TermsSlug)
			if err != nil || p.BodyMarkdown != "Our **own** terms." || !p.InFooter {
				t.Fatalf("the migrated terms page: %+v %v", p, err)
			}
		})
	}
}
