// Package feeds encodes syndication feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) and
// sitemaps (sitemap index, URL sets, Google News) from plain values. It does no I/O.
package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"strings"
	"time"
)

// Feed is what every feed format says about a list of stories.
type Feed struct {
	Title       string
	Description string
	Link        string // the page the feed follows
	Self        string // the feed's own URL
	Language    string
	Updated     time.Time
	Items       []Item
}

// Item is one story in a feed.
type Item struct {
	ID          string // stable: does not change when the story's URL does
	URL         string
	Title       string
	Summary     string
	ContentHTML string // sanitized body
	Authors     []string
	Categories  []string
	Published   time.Time
	Updated     time.Time // zero when never updated
	Image       *Enclosure
	Notes       []Note // corrections and updates, oldest first
}

// Note is a correction or an update appended to a published story.
type Note struct {
	Label string // "Correction", "Update"
	Text  string // plain text
	At    time.Time
}

// content is the item's body followed by its notes, as every format carries it:
// a reader of the feed sees a correction as the page shows it.
func (it Item) content() string {
	if len(it.Notes) == 0 {
		return it.ContentHTML
	}
	var b strings.Builder
	b.WriteString(it.ContentHTML)
	b.WriteString(`<aside class="notes">`)
	for _, n := range it.Notes {
		fmt.Fprintf(&b, "<p><strong>%s (%s):</strong> %s</p>", html.EscapeString(n.Label), n.At.UTC().Format("January 2, 2006"),
			html.EscapeString(n.Text))
	}
	b.WriteString("</aside>")
	return b.String()
}

// summary is the item's summary with its latest note, for formats whose readers
// show the summary alone.
func (it Item) summary() string {
	if len(it.Notes) == 0 {
		return it.Summary
	}
	n := it.Notes[len(it.Notes)-1]
	return strings.TrimSpace(it.Summary + " " + n.Label + ": " + n.Text)
}

// Enclosure is a story's lead image.
type Enclosure struct {
	URL    string
	Type   string
	Length int64
}

func (it Item) modified() time.Time {
	if it.Updated.After(it.Published) {
		return it.Updated
	}
	return it.Published
}

// RSS encodes f as RSS 2.0 with content:encoded bodies and dc:creator authors.
func RSS(f Feed) ([]byte, error) {
	type guid struct {
		IsPermaLink bool   `xml:"isPermaLink,attr"`
		Value       string `xml:",chardata"`
	}
	type enclosure struct {
		URL    string `xml:"url,attr"`
		Length int64  `xml:"length,attr"`
		Type   string `xml:"type,attr"`
	}
	type item struct {
		Title      string     `xml:"title"`
		Link       string     `xml:"link"`
		GUID       guid       `xml:"guid"`
		PubDate    string     `xml:"pubDate"`
		Updated    string     `xml:"atom:updated,omitempty"`
		Desc       string     `xml:"description"`
		Content    string     `xml:"content:encoded"`
		Creators   []string   `xml:"dc:creator"`
		Categories []string   `xml:"category"`
		Enclosure  *enclosure `xml:"enclosure,omitempty"`
	}
	type atomLink struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
	}
	type channel struct {
		Title         string   `xml:"title"`
		Link          string   `xml:"link"`
		Description   string   `xml:"description"`
		Language      string   `xml:"language,omitempty"`
		LastBuildDate string   `xml:"lastBuildDate"`
		Self          atomLink `xml:"atom:link"`
		Items         []item   `xml:"item"`
	}
	type rss struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Atom    string   `xml:"xmlns:atom,attr"`
		Content string   `xml:"xmlns:content,attr"`
		DC      string   `xml:"xmlns:dc,attr"`
		Channel channel  `xml:"channel"`
	}
	doc := rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Content: "http://purl.org/rss/1.0/modules/content/",
		DC: "http://purl.org/dc/elements/1.1/", Channel: channel{Title: f.Title, Link: f.Link, Description: f.Description,
			Language: f.Language, LastBuildDate: f.Updated.UTC().Format(time.RFC1123Z),
			Self: atomLink{Href: f.Self, Rel: "self", Type: "application/rss+xml"}}}
	for _, it := range f.Items {
		v := item{Title: it.Title, Link: it.URL, GUID: guid{Value: it.ID}, PubDate: it.Published.UTC().Format(time.RFC1123Z),
			Desc: it.summary(), Content: it.content(), Creators: it.Authors, Categories: it.Categories}
		if it.Updated.After(it.Published) {
			v.Updated = it.Updated.UTC().Format(time.RFC3339)
		}
		if it.Image != nil {
			v.Enclosure = &enclosure{URL: it.Image.URL, Length: it.Image.Length, Type: it.Image.Type}
		}
		doc.Channel.Items = append(doc.Channel.Items, v)
	}
	return encodeXML(doc)
}

// Atom encodes f as an Atom 1.0 feed.
func Atom(f Feed) ([]byte, error) {
	type link struct {
		Href   string `xml:"href,attr"`
		Rel    string `xml:"rel,attr,omitempty"`
		Type   string `xml:"type,attr,omitempty"`
		Length int64  `xml:"length,attr,omitempty"`
	}
	type text struct {
		Type  string `xml:"type,attr,omitempty"`
		Value string `xml:",chardata"`
	}
	type person struct {
		Name string `xml:"name"`
	}
	type category struct {
		Term string `xml:"term,attr"`
	}
	type entry struct {
		Title      string     `xml:"title"`
		ID         string     `xml:"id"`
		Links      []link     `xml:"link"`
		Published  string     `xml:"published"`
		Updated    string     `xml:"updated"`
		Authors    []person   `xml:"author"`
		Categories []category `xml:"category"`
		Summary    text       `xml:"summary"`
		Content    text       `xml:"content"`
	}
	type feed struct {
		XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang     string   `xml:"xml:lang,attr,omitempty"`
		Title    string   `xml:"title"`
		Subtitle string   `xml:"subtitle,omitempty"`
		ID       string   `xml:"id"`
		Updated  string   `xml:"updated"`
		Links    []link   `xml:"link"`
		Entries  []entry  `xml:"entry"`
	}
	doc := feed{Lang: f.Language, Title: f.Title, Subtitle: f.Description, ID: f.Self, Updated: f.Updated.UTC().Format(time.RFC3339),
		Links: []link{{Href: f.Link, Rel: "alternate", Type: "text/html"}, {Href: f.Self, Rel: "self", Type: "application/atom+xml"}}}
	for _, it := range f.Items {
		e := entry{Title: it.Title, ID: it.ID, Links: []link{{Href: it.URL, Rel: "alternate", Type: "text/html"}},
			Published: it.Published.UTC().Format(time.RFC3339), Updated: it.modified().UTC().Format(time.RFC3339),
			Summary: text{Type: "text", Value: it.summary()}, Content: text{Type: "html", Value: it.content()}}
		if it.Image != nil {
			e.Links = append(e.Links, link{Href: it.Image.URL, Rel: "enclosure", Type: it.Image.Type, Length: it.Image.Length})
		}
		for _, a := range it.Authors {
			e.Authors = append(e.Authors, person{Name: a})
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, category{Term: c})
		}
		doc.Entries = append(doc.Entries, e)
	}
	return encodeXML(doc)
}

// JSONFeed encodes f as JSON Feed 1.1.
func JSONFeed(f Feed) ([]byte, error) {
	type author struct {
		Name string `json:"name"`
	}
	type attachment struct {
		URL      string `json:"url"`
		MimeType string `json:"mime_type"`
		Size     int64  `json:"size_in_bytes,omitempty"`
	}
	type item struct {
		ID            string       `json:"id"`
		URL           string       `json:"url"`
		Title         string       `json:"title"`
		Summary       string       `json:"summary,omitempty"`
		ContentHTML   string       `json:"content_html"`
		Image         string       `json:"image,omitempty"`
		DatePublished string       `json:"date_published"`
		DateModified  string       `json:"date_modified,omitempty"`
		Authors       []author     `json:"authors,omitempty"`
		Tags          []string     `json:"tags,omitempty"`
		Attachments   []attachment `json:"attachments,omitempty"`
	}
	doc := struct {
		Version     string `json:"version"`
		Title       string `json:"title"`
		HomePageURL string `json:"home_page_url"`
		FeedURL     string `json:"feed_url"`
		Description string `json:"description,omitempty"`
		Language    string `json:"language,omitempty"`
		Items       []item `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: f.Title, HomePageURL: f.Link, FeedURL: f.Self, Description: f.Description,
		Language: f.Language, Items: []item{}}
	for _, it := range f.Items {
		v := item{ID: it.ID, URL: it.URL, Title: it.Title, Summary: it.summary(), ContentHTML: it.content(),
			DatePublished: it.Published.UTC().Format(time.RFC3339), Tags: it.Categories}
		if it.Updated.After(it.Published) {
			v.DateModified = it.Updated.UTC().Format(time.RFC3339)
		}
		for _, a := range it.Authors {
			v.Authors = append(v.Authors, author{Name: a})
		}
		if it.Image != nil {
			v.Image = it.Image.URL
			v.Attachments = []attachment{{URL: it.Image.URL, MimeType: it.Image.Type, Size: it.Image.Length}}
		}
		doc.Items = append(doc.Items, v)
	}
	return json.MarshalIndent(doc, "", "  ")
}

func encodeXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
