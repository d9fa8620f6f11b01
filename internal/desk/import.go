package desk

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strconv"

	"dateline/internal/event"
	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/origin"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/slug"
	"dateline/internal/story"
)

// ImportItem is one item of another system's export, converted and ready to file.
// Link names it (source, kind, old ID) with a digest of its content; exactly one
// of the value fields is set. Redirects are the item's old addresses.
type ImportItem struct {
	Link    origin.Link
	Person  *people.Person
	Section *section.Section
	Topic   *section.Topic
	Story   *story.Story
	Page    *settings.Page
	Message *letters.Message
	// A message's story and the message it answers, filed before it (in this batch
	// or an earlier one): their IDs are read when the message is filed.
	StoryOf *story.Story
	ReplyTo *letters.Message
	// Redirects are the item's old addresses; FeedRedirects its old feeds' (for a
	// section, topic or person, to its feed here).
	Redirects     []string
	FeedRedirects []string
	// To, on an item with no value, is where its Redirects lead (a site's old feeds).
	To string
}

// ImportOutcome is what filing an item did.
type ImportOutcome string

// The outcomes of filing an item.
const (
	ImportCreated   ImportOutcome = "created"
	ImportUpdated   ImportOutcome = "updated"
	ImportUnchanged ImportOutcome = "unchanged"
	ImportMatched   ImportOutcome = "matched" // an existing person, section or topic taken for it
	// ImportConflict: the story or page was edited here since the last import; it
	// is left as it is.
	ImportConflict ImportOutcome = "conflict"
)

// Import files a batch of imported items in one transaction with one audit line
// (admins only): each is created, updated when its content changed since the
// last import, or left alone when unchanged or edited here since. An item's
// value gets its ID here, so later items may refer to it. Stories keep their old
// addresses as redirects that follow them; a story's slug already used here gets a
// number ("-2").
func (d *Desk) Import(ctx context.Context, a Actor, items []ImportItem) ([]ImportOutcome, error) {
	if !a.Person.Can(people.ActManageSettings) {
		return nil, ErrForbidden
	}
	out := make([]ImportOutcome, len(items))
	err := d.Store.Atomically(ctx, func(ctx context.Context) error {
		links, err := d.importLinks(ctx, items)
		if err != nil {
			return err
		}
		counts := map[ImportOutcome]int{}
		for i := range items {
			it := &items[i]
			link, found := links[it.Link.Kind][it.Link.OldID]
			if out[i], err = d.importOne(ctx, it, link, found); err != nil {
				return fmt.Errorf("%s %s: %w", it.Link.Kind, it.Link.OldID, err)
			}
			counts[out[i]]++
		}
		detail := fmt.Sprintf("%s: %d created, %d updated, %d unchanged, %d matched, %d conflicts", items[0].Link.Source,
			counts[ImportCreated], counts[ImportUpdated], counts[ImportUnchanged], counts[ImportMatched], counts[ImportConflict])
		return d.audit(ctx, a, event.SiteImport, 0, detail)
	})
	return out, err
}

// importLinks reads the links of a batch's items, by kind and old ID, one query a kind.
func (d *Desk) importLinks(ctx context.Context, items []ImportItem) (map[string]map[string]origin.Link, error) {
	ids := map[string][]string{}
	for _, it := range items {
		ids[it.Link.Kind] = append(ids[it.Link.Kind], it.Link.OldID)
	}
	out := map[string]map[string]origin.Link{}
	for kind, list := range ids {
		links, err := d.Store.ImportLinksFor(ctx, items[0].Link.Source, kind, list)
		if err != nil {
			return nil, err
		}
		out[kind] = links
	}
	return out, nil
}

func (d *Desk) importOne(ctx context.Context, it *ImportItem, link origin.Link, found bool) (ImportOutcome, error) {
	switch {
	case it.Story != nil:
		return d.importStory(ctx, it, link, found)
	case it.Page != nil:
		return d.importPage(ctx, it, link, found)
	case it.To != "":
		for _, from := range it.Redirects {
			if err := d.Store.AddRedirect(ctx, from, it.To); err != nil {
				return "", err
			}
		}
		return ImportUnchanged, nil
	}
	if found {
		d.setImportedID(it, link.NewID)
		return ImportUnchanged, nil
	}
	if m := it.Message; m != nil {
		if it.StoryOf != nil {
			m.StoryID = it.StoryOf.ID
		}
		if it.ReplyTo != nil {
			m.InReplyTo = it.ReplyTo.ID
		}
	}
	outcome, err := d.importNew(ctx, it)
	if err != nil {
		return outcome, err
	}
	it.Link.NewID = d.importedID(it)
	if err := d.Store.SaveImportLink(ctx, it.Link); err != nil {
		return "", err
	}
	return outcome, d.termRedirects(ctx, it)
}

// termRedirects points a section's, topic's or person's old addresses at its page
// and feed here.
func (d *Desk) termRedirects(ctx context.Context, it *ImportItem) error {
	var to string
	switch {
	case it.Section != nil:
		to = "/" + it.Section.Path + "/"
		if it.Section.Path == "" {
			secs, err := d.Store.Sections(ctx)
			if err != nil {
				return err
			}
			sec, _ := section.NewTree(secs).ByID(it.Section.ID)
			to = "/" + sec.Path + "/"
		}
	case it.Topic != nil:
		to = topicPath(it.Topic.Slug)
	case it.Person != nil:
		to = "/people/" + url.PathEscape(it.Person.Slug) + "/"
	default:
		return nil
	}
	for _, from := range it.Redirects {
		if err := d.Store.AddRedirect(ctx, from, to); err != nil {
			return err
		}
	}
	for _, from := range it.FeedRedirects {
		if err := d.Store.AddRedirect(ctx, from, to+"feed.xml"); err != nil {
			return err
		}
	}
	return nil
}

// ImportPhoto adds an imported photo to the library with its link, once (a photo
// imported before is returned as it is), and points its old addresses at its file.
func (d *Desk) ImportPhoto(ctx context.Context, a Actor, link origin.Link, u Upload,
	oldPaths []string) (media.Media, ImportOutcome, error) {
	if !a.Person.Can(people.ActManageSettings) {
		return media.Media{}, "", ErrForbidden
	}
	var m media.Media
	outcome := ImportCreated
	err := d.Store.Atomically(ctx, func(ctx context.Context) error {
		old, found, err := d.Store.ImportLink(ctx, link.Source, link.Kind, link.OldID)
		if err != nil {
			return err
		}
		if found {
			if m, err = d.Store.MediaByID(ctx, old.NewID); err == nil {
				outcome = ImportUnchanged
				return nil
			} else if !errors.Is(err, media.ErrNotFound) {
				return err
			}
		}
		if m, err = d.AddPhoto(ctx, a, u); err != nil {
			return err
		}
		link.NewID = m.ID
		if err := d.Store.SaveImportLink(ctx, link); err != nil {
			return err
		}
		file := "/media/" + strconv.FormatInt(m.ID, 10) + "/" + path.Base(m.FileName)
		for _, from := range oldPaths {
			if err := d.Store.AddRedirect(ctx, from, file); err != nil {
				return err
			}
		}
		return nil
	})
	return m, outcome, err
}

// Rehearse runs fn in a transaction that is always rolled back: an import's dry
// run goes through every rule and write and keeps none.
func (d *Desk) Rehearse(ctx context.Context, fn func(ctx context.Context) error) error {
	err := d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := fn(ctx); err != nil {
			return err
		}
		return errRehearsal
	})
	if errors.Is(err, errRehearsal) {
		return nil
	}
	return err
}

var errRehearsal = errors.New("a rehearsal: rolled back")

// importNew files a person, section, topic or message not imported before; a
// person with the same email, a section at the same path and a topic with the
// same slug are the ones already here.
func (d *Desk) importNew(ctx context.Context, it *ImportItem) (ImportOutcome, error) {
	switch {
	case it.Person != nil:
		p, err := d.Store.PersonByEmail(ctx, it.Person.Email)
		if err == nil {
			*it.Person = p
			return ImportMatched, nil
		} else if !errors.Is(err, people.ErrNotFound) {
			return "", err
		}
		base := it.Person.Slug
		for n := 1; ; n++ {
			it.Person.Slug = slug.WithSuffix(base, n)
			if _, err := d.Store.PersonBySlug(ctx, it.Person.Slug); errors.Is(err, people.ErrNotFound) {
				break
			} else if err != nil {
				return "", err
			}
		}
		return ImportCreated, d.Store.CreatePerson(ctx, it.Person)
	case it.Section != nil:
		secs, err := d.Store.Sections(ctx)
		if err != nil {
			return "", err
		}
		for _, s := range secs {
			if s.ParentID == it.Section.ParentID && s.Slug == it.Section.Slug {
				*it.Section = s
				return ImportMatched, nil
			}
		}
		if err := d.pageOwns(ctx, it.Section.ParentID, it.Section.Slug); err != nil || section.Reserved(it.Section.Slug) {
			it.Section.Slug = slug.WithSuffix(it.Section.Slug+"-section", 1)
		}
		return ImportCreated, d.Store.CreateSection(ctx, it.Section)
	case it.Topic != nil:
		t, err := d.Store.TopicBySlug(ctx, it.Topic.Slug)
		if err == nil {
			*it.Topic = t
			return ImportMatched, nil
		} else if !errors.Is(err, section.ErrNotFound) {
			return "", err
		}
		return ImportCreated, d.Store.CreateTopic(ctx, it.Topic)
	case it.Message != nil:
		return ImportCreated, d.Store.CreateMessage(ctx, it.Message)
	}
	return "", fmt.Errorf("%w: an import item with nothing in it", story.ErrInvalid)
}

func (d *Desk) importedID(it *ImportItem) int64 {
	switch {
	case it.Person != nil:
		return it.Person.ID
	case it.Section != nil:
		return it.Section.ID
	case it.Topic != nil:
		return it.Topic.ID
	case it.Message != nil:
		return it.Message.ID
	}
	return 0
}

func (d *Desk) setImportedID(it *ImportItem, id int64) {
	switch {
	case it.Person != nil:
		it.Person.ID = id
	case it.Section != nil:
		it.Section.ID = id
	case it.Topic != nil:
		it.Topic.ID = id
	case it.Message != nil:
		it.Message.ID = id
	}
}

// importStory creates, updates or leaves a story, then points its old addresses at it.
func (d *Desk) importStory(ctx context.Context, it *ImportItem, link origin.Link, found bool) (ImportOutcome, error) {
	st := it.Story
	outcome := ImportCreated
	switch {
	case found:
		current, err := d.Store.StoryByID(ctx, link.NewID)
		if errors.Is(err, story.ErrNotFound) {
			found = false // deleted here since: imported again
			break
		}
		if err != nil {
			return "", err
		}
		st.ID, st.Version = current.ID, current.Version
		if current.Version != link.Version {
			*st = current
			return ImportConflict, nil
		}
		if link.Digest == it.Link.Digest {
			*st = current
			return ImportUnchanged, d.storyRedirects(ctx, it)
		}
		st.Slug = current.Slug // a changed slug would move the story's address again
		st.RelatedIDs, st.RelatedSites, st.Notes = current.RelatedIDs, current.RelatedSites, current.Notes
		if err := d.Store.UpdateStory(ctx, st); err != nil {
			return "", err
		}
		outcome = ImportUpdated
	}
	if !found {
		st.ID, st.Version = 0, 0
		base := st.Slug
		for n := 1; ; n++ {
			st.Slug = slug.WithSuffix(base, n)
			if _, err := d.Store.StoryBySlug(ctx, st.Slug); errors.Is(err, story.ErrNotFound) {
				break
			} else if err != nil {
				return "", err
			}
		}
		if err := d.Store.CreateStory(ctx, st); err != nil {
			return "", err
		}
	}
	it.Link.NewID, it.Link.Version = st.ID, st.Version
	if err := d.Store.SaveImportLink(ctx, it.Link); err != nil {
		return "", err
	}
	return outcome, d.storyRedirects(ctx, it)
}

func (d *Desk) storyRedirects(ctx context.Context, it *ImportItem) error {
	return d.Store.AddStoryRedirects(ctx, it.Redirects, it.Story.ID)
}

// importPage creates, updates or leaves one of the site's pages; its old
// addresses lead to /{slug}/.
func (d *Desk) importPage(ctx context.Context, it *ImportItem, link origin.Link, found bool) (ImportOutcome, error) {
	p := it.Page
	outcome := ImportCreated
	if found {
		current, err := d.Store.SitePageByID(ctx, link.NewID)
		switch {
		case errors.Is(err, settings.ErrPageNotFound):
			found = false
		case err != nil:
			return "", err
		case current.Version != link.Version:
			*p = current
			return ImportConflict, nil
		case link.Digest == it.Link.Digest:
			*p = current
			return ImportUnchanged, nil
		default:
			p.ID, p.Version, p.Slug = current.ID, current.Version, current.Slug
			outcome = ImportUpdated
		}
	}
	if !found {
		p.ID = 0
		base := p.Slug
		for n := 1; ; n++ {
			p.Slug = slug.WithSuffix(base, n)
			if d.pageSlugFree(ctx, p.Slug) {
				break
			}
		}
	}
	if err := d.Store.SaveSitePage(ctx, p); err != nil {
		return "", err
	}
	it.Link.NewID, it.Link.Version = p.ID, p.Version
	if err := d.Store.SaveImportLink(ctx, it.Link); err != nil {
		return "", err
	}
	for _, from := range it.Redirects {
		if to := "/" + url.PathEscape(p.Slug) + "/"; from != to {
			if err := d.Store.AddRedirect(ctx, from, to); err != nil {
				return "", err
			}
		}
	}
	return outcome, nil
}

// pageSlugFree reports whether /{slug}/ is free for a new page: not the system's,
// not a top-level section's, not another page's.
func (d *Desk) pageSlugFree(ctx context.Context, s string) bool {
	if section.Reserved(s) {
		return false
	}
	if _, err := d.Store.SitePageBySlug(ctx, s); err == nil {
		return false
	}
	secs, err := d.Store.Sections(ctx)
	if err != nil {
		return false
	}
	for _, sec := range secs {
		if sec.ParentID == 0 && sec.Slug == s {
			return false
		}
	}
	return true
}
