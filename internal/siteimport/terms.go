package siteimport

// People, sections, topics and the site's feeds: the small kinds, filed first.

import (
	"context"
	"html"
	"net/mail"
	"sort"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/slug"
)

func (im *importer) importPeople(ctx context.Context) error {
	var items []desk.ImportItem
	for _, a := range im.ex.Authors {
		email := strings.ToLower(strings.TrimSpace(a.Email))
		if _, err := mail.ParseAddress(email); err != nil {
			// Dateline knows people by their address; one that cannot receive mail
			// until an admin gives the real one.
			if email != "" {
				im.report.warn(Warning{Code: WarnBadEmail, Where: "author " + a.Key, Detail: email})
			}
			email = firstNonEmpty(slug.Make(a.Key), slug.Make(a.Name), "author") + "@imported.invalid"
		}
		p := &people.Person{Name: firstNonEmpty(html.UnescapeString(a.Name), a.Key, "Author"), Slug: firstNonEmpty(slug.Make(a.Slug), slug.Make(a.Name), "author"), Email: email,
			Bio: a.Bio, Role: people.RoleWriter}
		it := desk.ImportItem{Link: im.link(KindPerson, a.Key, a), Person: p}
		it.Redirects, it.FeedRedirects = splitFeeds(im.ex.AuthorPaths(a.Key))
		items = append(items, it)
	}
	if err := im.file(ctx, KindPerson, items); err != nil {
		return err
	}
	for i, a := range im.ex.Authors {
		im.people[a.Key] = items[i].Person.ID
	}
	return nil
}

// sections makes categories sections: the top level and one level below it;
// deeper categories are folded into their ancestor at the second level.
func (im *importer) importSections(ctx context.Context) error {
	byKey := map[string]Term{}
	for _, t := range im.ex.Categories {
		byKey[t.Key] = t
	}
	chain := func(t Term) []string { // the keys from the root down to t
		out := []string{t.Key}
		for p, seen := t.Parent, 0; p != "" && seen < 50; seen++ {
			parent, ok := byKey[p]
			if !ok {
				break
			}
			out = append([]string{parent.Key}, out...)
			p = parent.Parent
		}
		return out
	}
	secs, err := im.opts.Reads.Sections(ctx)
	if err != nil {
		return err
	}
	tree := section.NewTree(secs)
	// Roots first, then their children, so parents have IDs.
	cats := append([]Term(nil), im.ex.Categories...)
	sort.SliceStable(cats, func(i, j int) bool { return len(chain(cats[i])) < len(chain(cats[j])) })
	for depth := 1; depth <= 2; depth++ {
		var items []desk.ImportItem
		var keys []string
		for _, t := range cats {
			c := chain(t)
			if len(c) != depth {
				continue
			}
			sec := &section.Section{Name: firstNonEmpty(html.UnescapeString(t.Name), t.Key),
				Slug: firstNonEmpty(slug.Make(t.Key), slug.Make(t.Name), "section")}
			if !section.ValidSlug(sec.Slug) {
				// Section addresses are ASCII (a topic's may be any script).
				ascii := "section-" + digest(t.Key)[:6]
				im.report.warn(Warning{Code: WarnSlugChanged, Where: "category " + t.Key, Detail: sec.Slug + " → " + ascii})
				sec.Slug = ascii
			}
			if depth == 2 {
				sec.ParentID = im.sections[c[0]]
			}
			it := desk.ImportItem{Link: im.link(KindSection, t.Key, t), Section: sec}
			it.Redirects, it.FeedRedirects = splitFeeds(im.ex.CategoryPaths(c))
			items = append(items, it)
			keys = append(keys, t.Key)
		}
		if err := im.file(ctx, KindSection, items); err != nil {
			return err
		}
		for i, k := range keys {
			im.sections[k], im.secByKey[k] = items[i].Section.ID, items[i].Section
		}
	}
	// Deeper ones: the posts go to the second-level ancestor, the old addresses too.
	var folded []desk.ImportItem
	for _, t := range cats {
		c := chain(t)
		if len(c) <= 2 {
			continue
		}
		im.sections[t.Key] = im.sections[c[1]]
		im.report.warn(Warning{Code: WarnSectionFolded, Where: "category " + t.Key, Detail: "into " + c[1]})
		// Its item names the ancestor's section, which the desk finds already
		// there: the old addresses lead to it.
		into := im.secByKey[c[1]]
		it := desk.ImportItem{Link: im.link(KindSection, t.Key, t), Section: &section.Section{Slug: into.Slug, ParentID: into.ParentID}}
		it.Redirects, it.FeedRedirects = splitFeeds(im.ex.CategoryPaths(c))
		folded = append(folded, it)
	}
	if err := im.file(ctx, KindSection, folded); err != nil {
		return err
	}
	if all := tree.All(); len(all) > 0 {
		im.fallback = all[0].ID
	}
	return nil
}

// feeds points the old site's main feeds at the site's feed.
func (im *importer) feeds(ctx context.Context) error {
	if len(im.ex.Feeds) == 0 {
		return nil
	}
	_, err := im.opts.Desk.Import(ctx, im.opts.Actor, []desk.ImportItem{{Link: im.link("redirect", "feeds", nil),
		Redirects: im.ex.Feeds, To: "/feed.xml"}})
	return err
}

func (im *importer) importTopics(ctx context.Context) error {
	var items []desk.ImportItem
	for _, t := range im.ex.Tags {
		if strings.HasPrefix(t.Name, "#") { // Ghost's internal tags
			continue
		}
		tp := &section.Topic{Name: firstNonEmpty(html.UnescapeString(t.Name), t.Key),
			Slug: firstNonEmpty(slug.Make(t.Key), slug.Make(t.Name), "topic")}
		it := desk.ImportItem{Link: im.link(KindTopic, t.Key, t), Topic: tp}
		it.Redirects, it.FeedRedirects = splitFeeds(im.ex.TagPaths(t.Key))
		items = append(items, it)
	}
	if err := im.file(ctx, KindTopic, items); err != nil {
		return err
	}
	for i, it := range items {
		im.topics[it.Link.OldID] = items[i].Topic.ID
	}
	return nil
}

// splitFeeds parts an item's old addresses into pages and feeds.
func splitFeeds(paths []string) (pages, feeds []string) {
	for _, u := range paths {
		if strings.Contains(u, "/feed") || strings.HasSuffix(u, "/rss/") {
			feeds = append(feeds, u)
		} else {
			pages = append(pages, u)
		}
	}
	return pages, feeds
}
