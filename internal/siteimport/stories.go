package siteimport

// One post as the desk files it: a story with its comments, or a site page.

import (
	"fmt"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/letters"
	"dateline/internal/settings"
	"dateline/internal/slug"
	"dateline/internal/story"
)

// maxHeadline is the longest headline a story may have (story.Validate's limit).
const maxHeadline = 300

func (im *importer) warner(where string) func(WarnCode, string) {
	return func(c WarnCode, d string) { im.report.warn(Warning{Code: c, Where: where, Detail: d}) }
}

func (im *importer) story(items []desk.ImportItem, p Post) ([]desk.ImportItem, error) {
	where := "post " + p.Key
	warn := im.warner(where)
	st := &story.Story{Language: firstNonEmpty(im.ex.Language, "en"), CommentsOpen: p.Open, CreatedAt: p.Published}
	st.Headline = plain(p.Title)
	body := ToMarkdown(p.HTML, p.Autop, im.resolve, warn)
	if st.Headline == "" {
		warn(WarnNoTitle, "")
		st.Headline = firstNonEmpty(firstWords(plain(body), 12), "Untitled ("+where+")")
	}
	if r := []rune(st.Headline); len(r) > maxHeadline {
		warn(WarnCut, "the headline, to its first "+strconv.Itoa(maxHeadline)+" characters")
		st.Headline = strings.TrimSpace(string(r[:maxHeadline-1])) + "…"
	}
	st.BodyMarkdown = body
	st.Dek = plain(p.Excerpt)
	st.Slug = im.slugFor(p, st.Headline, warn)
	for _, c := range p.Categories {
		if id := im.sections[c]; id != 0 {
			st.SectionID = id
			break
		}
	}
	if st.SectionID == 0 {
		st.SectionID = im.sections[""]
		if st.SectionID == 0 {
			st.SectionID = im.fallback
		}
	}
	if st.SectionID == 0 {
		return items, fmt.Errorf("%s has no category and the site has no section to put it in: create one first", where)
	}
	for _, t := range p.Tags {
		if id := im.topics[t]; id != 0 {
			st.TopicIDs = append(st.TopicIDs, id)
		}
	}
	for _, a := range p.AuthorKeys {
		if id := im.people[a]; id != 0 {
			st.AuthorIDs = append(st.AuthorIDs, id)
		} else {
			warn(WarnUnknownAuthor, a)
		}
	}
	if id := im.photos[p.Featured]; id > 0 {
		st.LeadMediaID = id
	}
	switch p.Status {
	case StatusPublished:
		st.State, st.PublishedAt = story.StatePublished, p.Published
		if st.PublishedAt.IsZero() { // a published post with no date: when it last changed, else now
			st.PublishedAt = p.Modified
			if st.PublishedAt.IsZero() {
				st.PublishedAt = im.opts.Desk.Now().UTC()
			}
		}
	case StatusScheduled:
		st.State, st.ScheduledAt = story.StateScheduled, p.Published
	case StatusPending:
		st.State = story.StateInReview
	default:
		st.State = story.StateDraft
	}
	if st.CreatedAt.IsZero() {
		st.CreatedAt = p.Modified
	}
	redirects := append([]string(nil), p.OldURLs...)
	if im.ex.ExtraPostURLs != nil {
		redirects = append(redirects, im.ex.ExtraPostURLs(p)...)
	}
	items = append(items, desk.ImportItem{Link: im.link(KindStory, p.Key, p), Story: st, Redirects: dedupe(redirects)})
	return im.comments(items, p, st, where), nil
}

func (im *importer) comments(items []desk.ImportItem, p Post, st *story.Story, where string) []desk.ImportItem {
	byKey := map[string]*letters.Message{}
	list := append([]Comment(nil), p.Comments...)
	sort.SliceStable(list, func(i, j int) bool { return list[i].Date.Before(list[j].Date) })
	for _, c := range list {
		text := commentText(c.Text)
		if text == "" {
			im.report.skip("empty comment", 1)
			continue
		}
		if r := []rune(text); len(r) > letters.MaxTextRunes {
			text = string(r[:letters.MaxTextRunes])
			im.report.warn(Warning{Code: WarnCut, Where: where + " comment " + c.Key, Detail: "to the longest a letter may be"})
		}
		m := &letters.Message{Kind: letters.KindComment, Name: firstNonEmpty(plain(c.Name), letters.ErasedName), Text: text,
			State: letters.State(c.State), CreatedAt: c.Date}
		if im.opts.KeepEmails {
			m.Email = c.Email
		}
		if m.CreatedAt.IsZero() {
			m.CreatedAt = st.CreatedAt
		}
		it := desk.ImportItem{Link: im.link(KindMessage, p.Key+"/"+c.Key, c), Message: m, StoryOf: st}
		if c.ParentKey != "" {
			it.ReplyTo = byKey[c.ParentKey]
		}
		byKey[c.Key] = m
		items = append(items, it)
	}
	return items
}

// slugFor keeps the old slug when it is one by Dateline's rules, else makes one.
func (im *importer) slugFor(p Post, title string, warn func(WarnCode, string)) string {
	if slug.Valid(p.Slug) {
		return p.Slug
	}
	s := firstNonEmpty(slug.Make(p.Slug), slug.Make(title), "story-"+p.Key)
	if p.Slug != "" {
		warn(WarnSlugChanged, p.Slug+" → "+s)
	}
	return s
}

func (im *importer) page(items []desk.ImportItem, p Post) ([]desk.ImportItem, error) {
	where := "page " + p.Key
	if p.Status != StatusPublished {
		im.report.skip("page not published ("+string(p.Status)+")", 1)
		return items, nil
	}
	warn := im.warner(where)
	s := im.slugFor(p, plain(p.Title), warn)
	// A child page's address joins its parents' slugs: Dateline's pages are flat.
	var parents []string
	for k, n := p.ParentKey, 0; k != "" && n < 20; n++ {
		parent, ok := im.pages[k]
		if !ok {
			break
		}
		parents = append([]string{firstNonEmpty(slug.Make(parent.Slug), slug.Make(parent.Title))}, parents...)
		k = parent.ParentKey
	}
	if len(parents) > 0 {
		flat := slug.Make(strings.Join(append(parents, s), "-"))
		warn(WarnPageFlattened, "/"+strings.Join(append(parents, s), "/")+"/ → /"+flat+"/")
		s = flat
	}
	pg := &settings.Page{Slug: s, Title: firstNonEmpty(plain(p.Title), s), BodyMarkdown: ToMarkdown(p.HTML, p.Autop, im.resolve, warn)}
	if strings.TrimSpace(pg.BodyMarkdown) == "" {
		pg.BodyMarkdown = pg.Title
	}
	if len(p.Comments) > 0 {
		im.report.skip("comment on a page", len(p.Comments))
	}
	return append(items, desk.ImportItem{Link: im.link(KindPage, p.Key, p), Page: pg, Redirects: dedupe(p.OldURLs)}), nil
}

// plain is text without markup, entities decoded.
func plain(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		s = tags.ReplaceAllString(s, " ")
	}
	return strings.TrimSpace(foldSpaces(html.UnescapeString(s)))
}

var tags = regexp.MustCompile(`<[^>]*>`)

// commentText is a comment's HTML as the plain text of a letter: paragraphs and
// line breaks kept, markup dropped, entities decoded.
func commentText(s string) string {
	s = strings.NewReplacer("</p>", "\n\n", "<br>", "\n", "<br/>", "\n", "<br />", "\n").Replace(s)
	return strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(s, "")))
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[:n]
	}
	return strings.Join(w, " ")
}
