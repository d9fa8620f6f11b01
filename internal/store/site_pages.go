package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"dateline/internal/settings"
)

const pageColumns = "id, slug, title, body_markdown, in_footer, position, version, modified_at, COALESCE(modified_by, 0)"

func scanPage(row interface{ Scan(...any) error }) (settings.Page, error) {
	var p settings.Page
	var modified int64
	err := row.Scan(&p.ID, &p.Slug, &p.Title, &p.BodyMarkdown, &p.InFooter, &p.Position, &p.Version, &modified, &p.ModifiedBy)
	p.ModifiedAt = fromMicros(modified)
	return p, err
}

// SitePages lists the site's pages in footer order.
func (s *Store) SitePages(ctx context.Context) ([]settings.Page, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT "+pageColumns+" FROM site_pages ORDER BY position, title, id")
	if err != nil {
		return nil, fmt.Errorf("store: site pages: %w", err)
	}
	defer rows.Close()
	var out []settings.Page
	for rows.Next() {
		p, err := scanPage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// FooterPages lists the titles and slugs of the pages linked from the footer, in
// order, without their text: every public page asks for them.
func (s *Store) FooterPages(ctx context.Context) ([]settings.Page, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT slug, title FROM site_pages WHERE in_footer = ? ORDER BY position, title, id", true)
	if err != nil {
		return nil, fmt.Errorf("store: footer pages: %w", err)
	}
	defer rows.Close()
	var out []settings.Page
	for rows.Next() {
		p := settings.Page{InFooter: true}
		if err := rows.Scan(&p.Slug, &p.Title); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SitePageBySlug returns the page at /{slug}/.
func (s *Store) SitePageBySlug(ctx context.Context, slug string) (settings.Page, error) {
	return s.onePage(ctx, "slug = ?", slug)
}

// SitePageByID returns one page.
func (s *Store) SitePageByID(ctx context.Context, id int64) (settings.Page, error) {
	return s.onePage(ctx, "id = ?", id)
}

func (s *Store) onePage(ctx context.Context, cond string, arg any) (settings.Page, error) {
	p, err := scanPage(s.rd(ctx).QueryRowContext(ctx, "SELECT "+pageColumns+" FROM site_pages WHERE "+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return p, settings.ErrPageNotFound
	}
	return p, err
}

// SaveSitePage creates a page or replaces one at its version, keeping the text it
// had as a revision.
func (s *Store) SaveSitePage(ctx context.Context, p *settings.Page) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		p.ModifiedAt = s.clock()
		if p.ID == 0 {
			p.Version = 1
			err := tx.QueryRowContext(ctx, `INSERT INTO site_pages (slug, title, body_markdown, in_footer, position, version,
				modified_at, modified_by) VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`, p.Slug, p.Title, p.BodyMarkdown, p.InFooter,
				p.Position, micros(p.ModifiedAt), nullID(p.ModifiedBy)).Scan(&p.ID)
			if s.engine.isUnique(err) {
				return fmt.Errorf("%w: another page is at /%s/", settings.ErrInvalid, p.Slug)
			}
			if err != nil {
				return fmt.Errorf("store: create page: %w", err)
			}
			s.changed(ctx, TagSite)
			return legacyTerms(ctx, tx, p)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO site_page_revisions (page_id, version, title, body_markdown, saved_at, saved_by)
			SELECT id, version, title, body_markdown, modified_at, modified_by FROM site_pages WHERE id = ? AND version = ?`,
			p.ID, p.Version); err != nil {
			return fmt.Errorf("store: keep page revision: %w", err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE site_pages SET slug = ?, title = ?, body_markdown = ?, in_footer = ?, position = ?,
			version = version + 1, modified_at = ?, modified_by = ? WHERE id = ? AND version = ?`, p.Slug, p.Title, p.BodyMarkdown,
			p.InFooter, p.Position, micros(p.ModifiedAt), nullID(p.ModifiedBy), p.ID, p.Version)
		if s.engine.isUnique(err) {
			return fmt.Errorf("%w: another page is at /%s/", settings.ErrInvalid, p.Slug)
		}
		if err != nil {
			return fmt.Errorf("store: save page: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			if _, err := s.SitePageByID(ctx, p.ID); err != nil {
				return err
			}
			return settings.ErrPageConflict
		}
		p.Version++
		s.changed(ctx, TagSite)
		return legacyTerms(ctx, tx, p)
	})
}

// legacyTerms copies the terms page's text to the column the previous release
// reads them from, so its nodes show the same terms during a rolling upgrade. It
// goes with the contract migration that drops site_settings.terms_markdown.
func legacyTerms(ctx context.Context, tx *Tx, p *settings.Page) error {
	if p.Slug != settings.TermsSlug {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE site_settings SET terms_markdown = ? WHERE id = 1", p.BodyMarkdown); err != nil {
		return fmt.Errorf("store: terms for the previous release: %w", err)
	}
	return nil
}
