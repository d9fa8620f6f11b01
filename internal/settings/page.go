package settings

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"dateline/internal/slug"
)

// Page is one of the site's own pages ("About us", "Corrections policy",
// "Masthead"), written in Markdown by admins and served at /{slug}/.
type Page struct {
	ID           int64
	Slug         string
	Title        string
	BodyMarkdown string
	InFooter     bool // linked from every page's footer
	Position     int  // order in the footer, lowest first
	Version      int
	ModifiedAt   time.Time
	ModifiedBy   int64
}

// TermsSlug is the address of the terms of service, one of the site's pages that
// every site starts with; reader forms link to it.
const TermsSlug = "terms"

// Errors about pages.
var (
	ErrPageNotFound = errors.New("page not found")
	ErrPageConflict = errors.New("the page was saved by someone else meanwhile")
)

// Validate checks a page before it is stored.
func (p Page) Validate() error {
	switch {
	case strings.TrimSpace(p.Title) == "":
		return fmt.Errorf("%w: a page needs a title", ErrInvalid)
	case utf8.RuneCountInString(p.Title) > 200:
		return fmt.Errorf("%w: a page title is at most 200 characters", ErrInvalid)
	case !slug.Valid(p.Slug):
		return fmt.Errorf("%w: the page's address %q must be letters and digits joined by single hyphens", ErrInvalid, p.Slug)
	case len(p.BodyMarkdown) > 200_000:
		return fmt.Errorf("%w: a page is at most 200,000 bytes", ErrInvalid)
	}
	return nil
}

// PageStore keeps the site's pages and their revisions.
type PageStore interface {
	SitePages(ctx context.Context) ([]Page, error)
	SitePageBySlug(ctx context.Context, slug string) (Page, error)
	SitePageByID(ctx context.Context, id int64) (Page, error)
	// SaveSitePage creates a page (ID 0) or replaces one at its Version, keeping
	// the previous text as a revision; a stale Version is ErrPageConflict.
	SaveSitePage(ctx context.Context, p *Page) error
}
