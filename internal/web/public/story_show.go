package public

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"dateline/internal/change"
	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/render"
	"dateline/internal/slug"
	"dateline/internal/story"
	"dateline/internal/web"
)

// storyPage is the reference story page, its parts in reading order.
type storyPage struct {
	chrome
	StoryID int64
	// ContentLang and ContentDir mark the story's own words (headline, standfirst,
	// body, caption) when they are in another language than the page's labels, and
	// right-to-left scripts; the labels stay in the site's language.
	ContentLang  string
	ContentDir   string
	SectionName  string
	SectionURL   string
	Headline     string
	Dek          string
	Photo        *photo
	TOC          []render.Heading
	DateLong     string
	DayURL       string // the date archive of the day of first publication
	PublishedISO string
	PostedAt     string
	UpdatedAt    string
	UpdatedISO   string
	Authors      []authorLink
	BureauName   string
	Body         template.HTML
	Embeds       bool // the body has click-to-load embeds: the page loads their script
	Notes        []noteView
	Credit       string
	Related      []card
	Sites        []story.Link
	Topics       []navItem
	CommentsOpen bool
	Letter       *letterForm
	Comments     []commentView
	CommentPager pager
	Meta         storyMeta

	relatedIDs []int64 // for the page's cache tags
}

type authorLink struct{ Name, URL string }

type noteView struct {
	Kind  story.NoteKind
	Label string
	Text  string
	Date  string
	ISO   string
}

type commentView struct {
	ID          int64
	InReplyTo   int64
	ReplyToName string // the answered message's sender, while it is public
	Name        string
	Place       string
	Paragraphs  []template.HTML
	Date        string
	ISO         string
	Featured    bool
	Edited      bool
}

const (
	commentsPerPage = 20
	relatedLimit    = 6
)

var (
	yearPattern = regexp.MustCompile(`^[0-9]{4}$`)
	twoDigits   = regexp.MustCompile(`^[0-9]{2}$`)
)

// parseDay reads the yyyy/mm/dd path values; a malformed or impossible date is a 404.
func parseDay(r *http.Request, loc *time.Location) (time.Time, error) {
	y, m, d := r.PathValue("yyyy"), r.PathValue("mm"), r.PathValue("dd")
	if !yearPattern.MatchString(y) || !twoDigits.MatchString(m) || !twoDigits.MatchString(d) {
		return time.Time{}, web.ErrNotFound
	}
	day, err := time.ParseInLocation("2006-01-02", y+"-"+m+"-"+d, loc)
	if err != nil {
		return time.Time{}, web.ErrNotFound
	}
	return day, nil
}

// storyShow serves a published story. A story withdrawn after publication answers
// 410; one never published is not there (404). An old or wrong URL of a published
// story redirects to its canonical one.
func (s *Server) storyShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	slugValue := r.PathValue("slug")
	if !slug.Valid(slugValue) {
		return web.ErrNotFound
	}
	c, err := s.chrome(ctx, "", "")
	if err != nil {
		return err
	}
	if _, err := parseDay(r, c.loc); err != nil {
		return err
	}
	st, err := s.store.StoryBySlug(ctx, slugValue)
	if errors.Is(err, story.ErrNotFound) {
		// A published story deleted for good is gone, not missing.
		if gone, goneErr := s.store.StoryGone(ctx, slugValue); goneErr != nil {
			return goneErr
		} else if gone {
			return web.ErrGone
		}
	}
	if err != nil {
		return err
	}
	if !st.Visible() {
		if st.State == story.StateUnpublished && !st.PublishedAt.IsZero() {
			return web.ErrGone
		}
		return web.ErrNotFound
	}
	path := c.storyPath(st)
	if r.URL.EscapedPath() != path {
		http.Redirect(w, r, path, http.StatusMovedPermanently)
		return nil
	}
	commentPage := pageNumber(r, "comments")
	page, err := s.storyPageFor(ctx, c, st, commentPage)
	if err != nil {
		return err
	}
	tags := []string{change.TagSite, change.TagStory(st.ID), change.TagStoryComments(st.ID)}
	for _, id := range page.relatedIDs {
		tags = append(tags, change.TagStory(id))
	}
	w.Header().Set("Surrogate-Key", strings.Join(tags, " "))
	return s.html(w, "story", page)
}

// storyPageFor builds a published story's page with its (cached) body and, while
// comments are open, an empty letters form.
func (s *Server) storyPageFor(ctx context.Context, c chrome, st story.Story, commentPage int) (storyPage, error) {
	body, err := s.bodies.Body(st.ID, st.Version, st.BodyMarkdown, render.Dateline(st.DatelineCity, c.Site.ShortName), c.Site.Embeds()...)
	if err != nil {
		return storyPage{}, err
	}
	page, err := s.buildStoryPage(ctx, c, st, commentPage, body, "/media/")
	if err != nil || !page.CommentsOpen {
		return page, err
	}
	page.Letter = newLetterForm(st.ID, storyKinds, formToken(s.keys, s.now()))
	return page, nil
}

// inlinePhotos finds the library photos a story's text puts in it, their files
// under prefix. A published story's photos are public while it is.
func (s *Server) inlinePhotos(ctx context.Context, prefix string) func(id int64) (render.InlinePhoto, bool) {
	return func(id int64) (render.InlinePhoto, bool) {
		m, err := s.store.MediaByID(ctx, id)
		if err != nil {
			return render.InlinePhoto{}, false // gone: the page leaves it out
		}
		if held, err := s.store.MediaHeldBack(ctx, id); err != nil || held {
			return render.InlinePhoto{}, false // another, unpublished story's photo: not yet
		}
		return render.PhotoOf(m, prefix), true
	}
}

// buildStoryPage fills a story's page from the store; it takes a context, not a
// request, so the newsroom's preview renders through it too.
func (s *Server) buildStoryPage(ctx context.Context, c chrome, st story.Story, commentPage int, body render.Body,
	mediaPrefix string) (storyPage, error) {
	sec, _ := c.tree.ByID(st.SectionID)
	path := c.storyPath(st)
	c.Title = st.Headline + " - " + c.Site.Name
	c.Description = st.Dek
	c.Canonical = c.canonical(path)
	for i := range c.Nav {
		c.Nav[i].Current = strings.HasPrefix(sec.Path+"/", strings.Trim(c.Nav[i].URL, "/")+"/")
	}
	p := storyPage{
		chrome: c, StoryID: st.ID, SectionName: sec.Name, SectionURL: "/" + sec.Path + "/",
		Headline: st.Headline, Dek: st.Dek, Credit: st.CreditLine, Sites: st.RelatedSites,
		CommentsOpen: commentsOpen(st, c.Site.CommentsCloseDays, s.now()),
		DateLong:     c.cal.Date(st.PublishedAt, c.loc), PublishedISO: st.PublishedAt.Format(time.RFC3339),
		DayURL:      st.PublishedAt.In(c.loc).Format("/2006/01/02/"),
		ContentLang: contentLang(st.Language, c.Site.Language),
		ContentDir:  textDirection(st.Language),
		PostedAt:    c.cal.Time(st.PublishedAt, c.loc),
	}
	if st.UpdatedAt.After(st.PublishedAt) {
		p.UpdatedAt = c.cal.Time(st.UpdatedAt, c.loc)
		if day := c.cal.Date(st.UpdatedAt, c.loc); day != p.DateLong {
			p.UpdatedAt = day + ", " + p.UpdatedAt
		}
		p.UpdatedISO = st.UpdatedAt.Format(time.RFC3339)
	}

	if st.LeadMediaID != 0 {
		m, err := s.store.MediaByID(ctx, st.LeadMediaID)
		if err != nil && !errors.Is(err, media.ErrNotFound) {
			return p, err
		}
		if err == nil {
			p.Photo = newPhoto(m)
		}
	}

	p.Body = render.ResolvePhotos(body.HTML, s.inlinePhotos(ctx, mediaPrefix))
	p.TOC, p.Embeds = body.TOC, body.Embeds

	authors, err := s.peopleByID(ctx, st.AuthorIDs)
	if err != nil {
		return p, err
	}
	for _, a := range authors {
		p.Authors = append(p.Authors, authorLink{Name: a.Byline(), URL: "/people/" + url.PathEscape(a.Slug) + "/"})
	}
	if st.BureauID != 0 {
		b, err := s.storyBureau(ctx, st.BureauID)
		if err != nil {
			return p, err
		}
		p.BureauName = b.Name
	}
	for _, n := range st.Notes {
		p.Notes = append(p.Notes, noteView{Kind: n.Kind, Label: c.l.T("note_" + string(n.Kind)), Text: n.Text,
			Date: c.cal.Date(n.At, c.loc) + ", " + c.cal.Time(n.At, c.loc), ISO: n.At.Format(time.RFC3339)})
	}

	topics, err := s.topicsByID(ctx, st.TopicIDs)
	if err != nil {
		return p, err
	}
	var topicNames []string
	for _, t := range topics {
		topicNames = append(topicNames, t.Name)
		p.Topics = append(p.Topics, navItem{Name: t.Name, URL: "/topics/" + url.PathEscape(t.Slug) + "/"})
	}
	if err := s.buildMeta(p.chrome, st, &p, topicNames); err != nil {
		return p, err
	}

	related, err := s.related(ctx, st)
	if err != nil {
		return p, err
	}
	p.Related = c.cards(related)
	for _, rs := range related {
		p.relatedIDs = append(p.relatedIDs, rs.ID)
	}

	comments, total, err := s.store.PublishedComments(ctx, st.ID, commentsPerPage, (commentPage-1)*commentsPerPage)
	if err != nil {
		return p, err
	}
	if p.CommentPager, err = newPager("comment_pages", path, "comments", commentPage, total, commentsPerPage); err != nil {
		return p, err
	}
	for _, m := range comments {
		p.Comments = append(p.Comments, commentView{
			ID: m.ID, InReplyTo: m.InReplyTo, ReplyToName: m.ReplyToName, Name: m.Name, Place: m.Place,
			Paragraphs: render.CommentParagraphs(m.Text), Featured: m.State == letters.StateFeatured,
			Edited: m.Edited, Date: c.cal.Date(m.CreatedAt, c.loc), ISO: m.CreatedAt.Format(time.RFC3339),
		})
	}
	return p, nil
}

// related returns the editor-pinned related stories that are published, then
// published stories sharing the most topics.
func (s *Server) related(ctx context.Context, st story.Story) ([]story.Story, error) {
	pinned, err := s.store.StoriesByID(ctx, st.RelatedIDs)
	if err != nil {
		return nil, err
	}
	if len(pinned) >= relatedLimit {
		return pinned[:relatedLimit], nil
	}
	auto, err := s.store.AutoRelated(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	if len(auto) == 0 { // computed lists are missing only for bulk-loaded archives
		if auto, err = s.store.RelatedByTopic(ctx, st.ID, st.RelatedIDs, relatedLimit); err != nil {
			return nil, err
		}
	}
	for _, a := range auto {
		if len(pinned) == relatedLimit {
			break
		}
		if !slices.Contains(st.RelatedIDs, a.ID) {
			pinned = append(pinned, a)
		}
	}
	return pinned, nil
}
