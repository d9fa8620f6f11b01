package desk

import (
	"context"
	"errors"
	"fmt"

	"dateline/internal/event"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
)

// SaveSite replaces the site's settings.
func (d *Desk) SaveSite(ctx context.Context, a Actor, site settings.Site) error {
	if !a.Person.Can(people.ActManageSettings) {
		return ErrForbidden
	}
	return refused("settings", d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.SaveSite(ctx, site); err != nil {
			return err
		}
		return d.audit(ctx, a, event.SiteUpdate, 0, site.Name)
	}))
}

// CreateSection adds a section (under ParentID, when set).
func (d *Desk) CreateSection(ctx context.Context, a Actor, sec *section.Section) error {
	if !a.Person.Can(people.ActManageSettings) {
		return ErrForbidden
	}
	if err := d.pageOwns(ctx, sec.ParentID, sec.Slug); err != nil {
		return err
	}
	return refused("section", d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.CreateSection(ctx, sec); err != nil {
			return err
		}
		return d.audit(ctx, a, event.SectionCreate, 0, sec.Path)
	}))
}

// SectionChange is what may change in a section; nil fields stay as they are.
type SectionChange struct {
	Name     *string
	Slug     *string // a new slug moves the section's pages, its subsections' and its stories' URLs
	Position *int
}

// UpdateSection renames or moves a section among its siblings.
func (d *Desk) UpdateSection(ctx context.Context, a Actor, id int64, c SectionChange) (section.Section, error) {
	if !a.Person.Can(people.ActManageSettings) {
		return section.Section{}, ErrForbidden
	}
	secs, err := d.Store.Sections(ctx)
	if err != nil {
		return section.Section{}, err
	}
	tree := section.NewTree(secs)
	sec, ok := tree.ByID(id)
	if !ok {
		return sec, section.ErrNotFound
	}
	old := sec
	if c.Name != nil {
		sec.Name = *c.Name
	}
	if c.Position != nil {
		sec.Position = *c.Position
	}
	if c.Slug != nil && *c.Slug != "" {
		sec.Slug = *c.Slug
		sec.Path = sec.Slug
		if parent, ok := tree.Parent(old); ok {
			sec.Path = parent.Path + "/" + sec.Slug
		}
	}
	if sec.Slug != old.Slug {
		if err := d.pageOwns(ctx, sec.ParentID, sec.Slug); err != nil {
			return sec, err
		}
	}
	return sec, refused("section", d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.UpdateSection(ctx, sec); err != nil {
			return err
		}
		if sec.Path != old.Path {
			// The section's pages and feeds, and its subsections', move; its
			// stories' pages redirect by themselves (found by slug).
			moves := [][2]string{{old.Path, sec.Path}}
			for _, child := range tree.Children(old.ID) {
				moves = append(moves, [2]string{old.Path + "/" + child.Slug, sec.Path + "/" + child.Slug})
			}
			for _, m := range moves {
				if err := d.redirectList(ctx, "/"+m[0]+"/", "/"+m[1]+"/"); err != nil {
					return err
				}
			}
		}
		return d.audit(ctx, a, event.SectionUpdate, 0, old.Path+" → "+sec.Path)
	}))
}

// pageOwns refuses a top-level section at the address of one of the site's pages:
// no two things claim one URL.
func (d *Desk) pageOwns(ctx context.Context, parentID int64, slug string) error {
	if parentID != 0 {
		return nil
	}
	if _, err := d.Store.SitePageBySlug(ctx, slug); err == nil {
		return FieldErrors{"slug": "/" + slug + "/ is one of the site's pages; choose another address"}
	} else if !errors.Is(err, settings.ErrPageNotFound) {
		return err
	}
	return nil
}

// CreateBureau adds a bureau.
func (d *Desk) CreateBureau(ctx context.Context, a Actor, b *people.Bureau) error {
	if !a.Person.Can(people.ActManageSettings) {
		return ErrForbidden
	}
	return refused("bureau", d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.CreateBureau(ctx, b); err != nil {
			return err
		}
		return d.audit(ctx, a, event.BureauCreate, 0, b.Name)
	}))
}

// UpdateBureau replaces a bureau's name, city and time zone.
func (d *Desk) UpdateBureau(ctx context.Context, a Actor, b people.Bureau) error {
	if !a.Person.Can(people.ActManageSettings) {
		return ErrForbidden
	}
	return refused("bureau", d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.UpdateBureau(ctx, b); err != nil {
			return err
		}
		return d.audit(ctx, a, event.BureauUpdate, 0, b.Name)
	}))
}

// RenameTopic changes a topic's name and slug; the old address of its page and
// feeds redirects to the new.
func (d *Desk) RenameTopic(ctx context.Context, a Actor, t section.Topic) error {
	if !a.Person.Can(people.ActManageSettings) {
		return ErrForbidden
	}
	old, err := d.topic(ctx, t.ID)
	if err != nil {
		return err
	}
	return refused("topic", d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.RenameTopic(ctx, t); err != nil {
			return err
		}
		if err := d.redirectList(ctx, topicPath(old.Slug), topicPath(t.Slug)); err != nil {
			return err
		}
		return d.audit(ctx, a, event.TopicRename, 0, fmt.Sprintf("topic %d: %s (%s)", t.ID, t.Name, t.Slug))
	}))
}

// MergeTopics moves every story of one topic to another and removes the first.
func (d *Desk) MergeTopics(ctx context.Context, a Actor, from, into int64) error {
	if !a.Person.Can(people.ActManageSettings) {
		return ErrForbidden
	}
	gone, err := d.topic(ctx, from)
	if err != nil {
		return err
	}
	kept, err := d.topic(ctx, into)
	if err != nil {
		return refused("into", err)
	}
	return refused("into", d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.MergeTopics(ctx, from, into); err != nil {
			return err
		}
		if err := d.redirectList(ctx, topicPath(gone.Slug), topicPath(kept.Slug)); err != nil {
			return err
		}
		return d.audit(ctx, a, event.TopicMerge, 0, fmt.Sprintf("topic %d into %d", from, into))
	}))
}
