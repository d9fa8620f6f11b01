package wire

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ParseFeed reads an RSS 2.0 or Atom feed, one text item per entry. Feeds have no
// versions: a changed entry keeps its id and shows a newer Updated time. An entry
// with an image enclosure becomes a package of the story and its photo.
func ParseFeed(data []byte) ([]Result, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, refuse("not an RSS or Atom feed")
		}
		return nil, fmt.Errorf("not a readable feed: %w", err)
	}
	if len(f.Items) == 0 {
		return nil, refuse("the feed has no entries")
	}
	agency := clean(f.Title)
	out := make([]Result, 0, len(f.Items))
	for _, e := range f.Items {
		r := feedEntry(f, e, agency)
		r.Item.Raw = data // entries cannot be cut out of a feed as sent: every one keeps the whole document
		out = append(out, r)
	}
	return out, nil
}

func feedEntry(f *gofeed.Feed, e *gofeed.Item, agency string) Result {
	it := Item{Format: f.FeedType + " " + f.FeedVersion, Kind: KindText, Agency: agency, Status: StatusUsable,
		ID: firstOf(strings.TrimSpace(e.GUID), strings.TrimSpace(e.Link)), Headline: clean(e.Title),
		Language: firstOf(f.Language), Subjects: e.Categories}
	if it.ID == "" {
		return Result{Err: fmt.Errorf("entry %q has no id or link to tell its versions apart", it.Headline)}
	}
	if it.Headline == "" && e.Content == "" && e.Description == "" {
		return Result{Err: refuse("entry %s has no title and no text", it.ID)}
	}
	if e.Author != nil {
		it.Byline = clean(e.Author.Name)
	}
	it.Body = strings.TrimSpace(firstOf(e.Content, e.Description))
	it.BodyHTML = strings.Contains(it.Body, "<")
	if e.Content != "" {
		it.Summary = clean(stripTags(e.Description))
	}
	it.Updated = feedTime(e.UpdatedParsed, e.PublishedParsed)
	it.Created = feedTime(e.PublishedParsed, e.UpdatedParsed)
	for _, enc := range e.Enclosures {
		if strings.HasPrefix(enc.Type, "image/") && enc.URL != "" {
			it.Members = append(it.Members, Item{Format: it.Format, Kind: KindPicture, Agency: agency, ID: enc.URL,
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

func feedTime(ts ...*time.Time) time.Time {
	for _, t := range ts {
		if t != nil {
			return *t
		}
	}
	return time.Time{}
}
