package public

import (
	"context"
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"dateline/internal/media"
	"dateline/internal/render"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/theme"
	"dateline/internal/web"
)

// chrome is what every page shares: the banner, navigation, footer and head.
type chrome struct {
	Site        settings.Site
	Nav         []navItem
	Title       string
	Description string
	Canonical   string
	Lang        string
	Year        int
	Feeds       []feedLink
	// FooterPages are the site's pages linked from the footer, in order.
	FooterPages []navItem
	// SearchPage leaves out the banner's search form: the page has its own, and
	// two search landmarks would be one too many.
	SearchPage bool
	// Static is set on the pages of a static export: what needs a server (search,
	// letters) points to the live site, or is left out.
	Static *Static

	tree *section.Tree
	loc  *time.Location
	l    theme.Labels    // the page's own words, in the site's language
	cal  render.Calendar // its dates, in the same language
}

// titled sets the page's title: its own, then the site's name.
func (c *chrome) titled(title string) {
	c.Title = c.Site.Name
	if title != "" {
		c.Title = title + " - " + c.Site.Name
	}
}

// lang is the language of the page's labels (see theme.Labels for fallbacks).
func (c chrome) lang() string { return c.Site.Language }

// labelled is every page's data: it carries the language its labels are in.
type labelled interface{ lang() string }

// calendar writes dates and times with the labels' words.
func calendar(l theme.Labels) render.Calendar {
	c := render.Calendar{LongDate: l.T("date_long"), MonthYear: l.T("date_month"), AM: l.T("am"), PM: l.T("pm")}
	for m := range c.Months {
		c.Months[m] = l.T("month_" + strconv.Itoa(m+1))
	}
	return c
}

type navItem struct {
	Name    string
	URL     string
	Current bool
}

// chrome loads the site settings and sections and builds the shared page parts.
// currentPath marks the navigation entry of the section being shown.
func (s *Server) chrome(ctx context.Context, title, currentPath string) (chrome, error) {
	parts, err := s.siteParts(ctx)
	if err != nil {
		return chrome{}, err
	}
	site := parts.site
	c := chrome{Site: site, Lang: site.Language, Year: s.now().In(parts.loc).Year(), tree: parts.tree, loc: parts.loc,
		Feeds: feedLinks("", site.Name), l: parts.l, cal: parts.cal, Static: s.static}
	c.titled(title)
	for _, sec := range c.tree.TopLevel() {
		current := currentPath == sec.Path || (len(currentPath) > len(sec.Path) && currentPath[:len(sec.Path)+1] == sec.Path+"/")
		c.Nav = append(c.Nav, navItem{Name: sec.Name, URL: "/" + sec.Path + "/", Current: current})
	}
	for _, p := range parts.footer {
		c.FooterPages = append(c.FooterPages, navItem{Name: p.Title, URL: "/" + url.PathEscape(p.Slug) + "/"})
	}
	return c, nil
}

// Static says how a static export's pages reach what needs a server.
type Static struct {
	// Live is the live site's address (https://news.example.com) for the search
	// form and letters to point to; empty leaves them out.
	Live string
}

// SearchAction is where the banner's search form sends its query: the site's own
// search, the live site's from a static export, "" for no form.
func (c chrome) SearchAction() string {
	if c.Static == nil {
		return "/search"
	}
	return c.LiveURL("/search")
}

// LiveURL is path on the live site, for a static export's pages; "" without one.
func (c chrome) LiveURL(path string) string {
	if c.Static == nil || c.Static.Live == "" {
		return ""
	}
	return strings.TrimSuffix(c.Static.Live, "/") + path
}

// canonical makes an absolute URL of a site path.
func (c chrome) canonical(path string) string { return c.Site.BaseURL + path }

// storyPath is a published story's URL path: its section path and the date of first
// publication in the site's zone.
func (c chrome) storyPath(st story.Story) string {
	sec, _ := c.tree.ByID(st.SectionID)
	return st.Path(sec.Path, c.loc)
}

// card is a story in a list.
type card struct {
	Headline    string
	URL         string
	Dek         string
	SectionName string
	SectionURL  string
	Date        string
	ISO         string
	Photo       *photo
	Comments    int // published comments
}

func (c chrome) card(st story.Story) card {
	sec, _ := c.tree.ByID(st.SectionID)
	return card{
		Headline: st.Headline, URL: c.storyPath(st), Dek: st.Dek,
		SectionName: sec.Name, SectionURL: "/" + sec.Path + "/",
		Date: c.cal.Date(st.PublishedAt, c.loc), ISO: st.PublishedAt.Format(time.RFC3339),
	}
}

func (c chrome) cards(list []story.Story) []card {
	out := make([]card, len(list))
	for i, st := range list {
		out[i] = c.card(st)
	}
	return out
}

// photo is a media file as an img element shows it.
type photo struct {
	URL     string
	SrcSet  string // resized copies, for responsive images
	Alt     string
	Caption string
	Credit  string
	Width   int
	Height  int
	// Shapes are the addresses of the largest crop of each ratio (16:9, 4:3,
	// 1:1), for link previews and search engines; the original when there is none.
	Shapes []string
}

func mediaURL(m media.Media) string {
	return fmt.Sprintf("/media/%d/%s", m.ID, web.BaseName(m.FileName))
}

// newPhoto describes m for an img element, with a srcset of its resized copies.
func newPhoto(m media.Media) *photo {
	p := &photo{URL: mediaURL(m), Alt: m.Alt, Caption: m.Caption, Credit: m.Credit, Width: m.Width, Height: m.Height}
	if len(m.Variants) > 0 {
		var set []string
		for _, w := range m.Variants {
			set = append(set, fmt.Sprintf("/media/%d/%s %dw", m.ID, web.BaseName(m.VariantName(w)), w))
		}
		p.SrcSet = strings.Join(append(set, fmt.Sprintf("%s %dw", p.URL, m.Width)), ", ")
	}
	for _, r := range media.Ratios {
		if w := m.Largest(r); w > 0 {
			p.Shapes = append(p.Shapes, cropURL(m, r, w))
		}
	}
	if len(p.Shapes) == 0 {
		p.Shapes = []string{p.URL}
	}
	return p
}

func cropURL(m media.Media, r media.Ratio, width int) string {
	return fmt.Sprintf("/media/%d/%s", m.ID, web.BaseName(m.CropName(r, width)))
}

// newCropPhoto describes m cropped to the ratio around its focal point, with a
// srcset of the crop's widths; a photo without crops is shown whole.
func newCropPhoto(m media.Media, r media.Ratio) *photo {
	p := newPhoto(m)
	widths := m.Crops[r.Name]
	if len(widths) == 0 {
		return p
	}
	var set []string
	for _, w := range widths {
		set = append(set, fmt.Sprintf("%s %dw", cropURL(m, r, w), w))
	}
	largest := m.Largest(r)
	p.URL, p.SrcSet, p.Width, p.Height = cropURL(m, r, largest), strings.Join(set, ", "), largest, max(1, largest*r.H/r.W)
	return p
}

// listPage is a front, archive or topic page.
type listPage struct {
	chrome
	Heading     string
	HideHeading bool
	Intro       string
	Subsections []navItem
	// A front's first page ranks its stories: the lead, the secondary stories with
	// pictures, then a list of headlines; the home front adds a block per section.
	Lead        *card
	Secondary   []card
	Listed      []card
	Sections    []sectionBlock
	ListHeading string
	Stories     []card
	Pager       pager
	Parent      *navItem      // a subsection's section, linked from the intro
	Archive     *archiveLinks // a date archive's neighbours
}

// Ranked lists the addresses of the stories a front ranks.
func (p listPage) Ranked() []string {
	var out []string
	if p.Lead != nil {
		out = append(out, p.Lead.URL)
	}
	for _, l := range [][]card{p.Secondary, p.Listed} {
		for _, c := range l {
			out = append(out, c.URL)
		}
	}
	return out
}

// sectionBlock is a section's latest stories on the home front.
type sectionBlock struct {
	ID, Name, URL string
	Stories       []card
}

type personView struct {
	Name   string
	Title  string
	Bureau string
	Bio    string
}

type personPage struct {
	chrome
	Person  personView
	Stories []card
	Pager   pager
}

// sitePage is one of the site's own pages.
type sitePage struct {
	chrome
	Heading string
	Body    template.HTML
	JSONLD  template.JS
}

type errorPage struct {
	chrome
	Heading   string
	Message   string
	Reference string // the request ID, on server errors, to quote when reporting one
}
