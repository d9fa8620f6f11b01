package wire

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ParseFeed reads an RSS (0.9x, 1.0, 2.0) or Atom (0.3, 1.0) feed, one text item per
// entry; an entry with an image enclosure becomes a package of the story and its
// photo. channel is where the feed came from: a polled feed is known by its URL,
// a file by its self link, else its channel link; its title is only the name shown.
//
// Entries have no version numbers: an entry is known by its guid, else its link,
// else its rdf:about, else a key derived from the feed, its date and the start of
// its text (never its title, so a corrected title is a new version of the same
// entry), and its Fingerprint, a hash of its text, tells versions apart. A feed
// with no entries gives no results and no error.
func ParseFeed(data []byte, channel string) ([]Result, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, refuse("not an RSS or Atom feed")
		}
		return nil, fmt.Errorf("not a readable feed: %w", err)
	}
	if f.FeedType == "json" {
		return nil, refuse("a JSON Feed, not RSS or Atom")
	}
	source := feedSource(f, channel)
	agency := firstOf(plainText(f.Title), hostOf(source), "Unknown agency")
	extras := feedExtras(data)
	seen := map[string]bool{}
	out := make([]Result, 0, len(f.Items))
	for i, e := range f.Items {
		var x entryExtra
		if i < len(extras) {
			x = extras[i]
		}
		r := feedEntry(f, e, x, agency, source)
		if r.Err == nil {
			if seen[r.Item.ID] {
				r = Result{Err: refuse("entry %s appears twice in the feed: only the first is taken", r.Item.ID)}
			}
			seen[r.Item.ID] = true
			r.Item.Raw = data // entries cannot be cut out of a feed as sent: every one keeps the whole document
		}
		out = append(out, r)
	}
	return out, nil
}

// feedSource is whom the queue knows a feed's entries by.
func feedSource(f *gofeed.Feed, channel string) string {
	if strings.HasPrefix(channel, "http://") || strings.HasPrefix(channel, "https://") {
		return channel // a polled feed: its URL
	}
	return firstOf(strings.TrimSpace(f.FeedLink), strings.TrimSpace(f.Link)) // empty: the ingester uses the channel
}

func hostOf(s string) string {
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}

func feedEntry(f *gofeed.Feed, e *gofeed.Item, x entryExtra, agency, source string) Result {
	it := Item{Format: f.FeedType + " " + f.FeedVersion, Kind: KindText, Agency: agency, Source: source, Status: StatusUsable,
		Headline: e.Title, Language: f.Language, Subjects: e.Categories}
	if e.Author != nil {
		it.Byline = e.Author.Name
	}
	it.Body = strings.TrimSpace(firstOf(e.Content, e.Description))
	// What the format declares decides HTML: RSS descriptions and content:encoded
	// are HTML; an Atom text construct is HTML only when its type says so.
	it.BodyHTML = true
	if f.FeedType == "atom" {
		it.BodyHTML = x.htmlBody(e.Content != "")
	}
	if e.Content != "" && e.Description != "" {
		it.Summary = e.Description
		if f.FeedType != "atom" || x.summaryType == "html" || x.summaryType == "xhtml" {
			it.Summary = plainText(e.Description)
		}
	}
	it.Updated = feedTime(e.UpdatedParsed, e.PublishedParsed)
	it.Created = feedTime(e.PublishedParsed, e.UpdatedParsed)
	if plainText(it.Headline) == "" {
		if it.Headline = firstSentence(it.Body, it.BodyHTML); it.Headline == "" {
			return Result{Err: errEmpty()}
		}
		it.HeadlineDerived = true
	}
	it.ID = firstOf(strings.TrimSpace(e.GUID), strings.TrimSpace(e.Link), x.about)
	if it.ID == "" {
		it.ID = derivedID(it)
	}
	it.Fingerprint = fingerprint(it)
	for _, enc := range e.Enclosures {
		if strings.HasPrefix(enc.Type, "image/") && enc.URL != "" {
			it.Members = append(it.Members, Item{Format: it.Format, Kind: KindPicture, Agency: agency, Source: source, ID: enc.URL,
				Status: StatusUsable, Caption: it.Headline, Credit: firstOf(it.Byline, agency),
				Renditions: []Rendition{{Name: "enclosure", Href: enc.URL, MediaType: enc.Type}}})
		}
	}
	if len(it.Members) > 0 {
		story := it
		story.Members = nil
		it.Kind, it.Members = KindPackage, append([]Item{story}, it.Members...)
	}
	return Result{Item: it}
}

// derivedID names an entry that has no guid, link or rdf:about by its date and the
// start of its text, within its feed.
func derivedID(it Item) string {
	date := "undated"
	if t := firstTime(it.Created, it.Updated); !t.IsZero() {
		date = t.UTC().Format(time.RFC3339)
	}
	text := []rune(bodyText(it))
	sum := sha256.Sum256([]byte(string(text[:min(len(text), 500)])))
	return "entry:" + date + ":" + hex.EncodeToString(sum[:8])
}

// fingerprint hashes an entry's words, not its markup or links: a republished
// entry with new tracking parameters is the same version, a corrected title or
// text a new one.
func fingerprint(it Item) string {
	sum := sha256.Sum256([]byte(plainText(it.Headline) + "\n" + bodyText(it)))
	return hex.EncodeToString(sum[:12])
}

func bodyText(it Item) string {
	if it.BodyHTML {
		return plainText(it.Body)
	}
	return clean(it.Body)
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func feedTime(ts ...*time.Time) time.Time {
	for _, t := range ts {
		if t != nil {
			return *t
		}
	}
	return time.Time{}
}

// entryExtra is what gofeed does not keep of an entry: RSS 1.0's rdf:about and the
// types of Atom's text constructs.
type entryExtra struct {
	about                    string
	contentType, summaryType string
}

// htmlBody says whether the body gofeed gave (content when hasContent, else the
// summary) is HTML by its declared type; Atom's default is text.
func (x entryExtra) htmlBody(hasContent bool) bool {
	t := x.summaryType
	if hasContent {
		t = x.contentType
	}
	return t == "html" || t == "xhtml" || strings.Contains(t, "html")
}

// feedExtras reads, in document order, each entry's extras.
func feedExtras(data []byte) []entryExtra {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	dec.Strict = false
	var out []entryExtra
	depth, entryDepth := 0, -1
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case t.Name.Local == "item" || t.Name.Local == "entry":
				entryDepth = depth
				x := entryExtra{}
				for _, a := range t.Attr {
					if a.Name.Local == "about" {
						x.about = strings.TrimSpace(a.Value)
					}
				}
				out = append(out, x)
			case entryDepth >= 0 && depth == entryDepth+1 && (t.Name.Local == "content" || t.Name.Local == "summary"):
				typ := "text"
				for _, a := range t.Attr {
					if a.Name.Local == "type" && a.Name.Space == "" {
						typ = strings.ToLower(strings.TrimSpace(a.Value))
					}
				}
				if t.Name.Local == "content" && t.Name.Space != "http://purl.org/rss/1.0/modules/content/" {
					out[len(out)-1].contentType = typ
				} else if t.Name.Local == "summary" {
					out[len(out)-1].summaryType = typ
				}
			}
		case xml.EndElement:
			if depth == entryDepth {
				entryDepth = -1
			}
			depth--
		}
	}
}
