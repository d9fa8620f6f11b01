package desk

import (
	"context"
	"strings"

	"dateline/internal/event"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/slug"
)

// SaveSitePage creates or edits one of the site's own pages (admins). Its address
// /{slug}/ may not be one the system owns or a section's: a request meets a
// section first, then a page, then the redirect table.
func (d *Desk) SaveSitePage(ctx context.Context, a Actor, p *settings.Page) error {
	if !a.Person.Can(people.ActManageSettings) {
		return ErrForbidden
	}
	p.Title = strings.TrimSpace(p.Title)
	if p.Slug = strings.TrimSpace(p.Slug); p.Slug == "" {
		p.Slug = slug.Make(p.Title)
	}
	if section.Reserved(p.Slug) {
		return FieldErrors{"slug": "/" + p.Slug + "/ belongs to the system; choose another address"}
	}
	secs, err := d.Store.Sections(ctx)
	if err != nil {
		return err
	}
	if _, clash := section.NewTree(secs).ByPath(p.Slug); clash {
		return FieldErrors{"slug": "/" + p.Slug + "/ is a section's front; choose another address"}
	}
	p.ModifiedBy = a.Person.ID
	return refused("page", d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.SaveSitePage(ctx, p); err != nil {
			return err
		}
		return d.audit(ctx, a, event.PageSave, 0, "/"+p.Slug+"/: "+p.Title)
	}))
}
