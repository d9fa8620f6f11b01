// Package wire turns agency copy (IPTC ninjs, NewsML-G2, RSS and Atom feeds) into
// wire items the newsroom can queue, use, update and withdraw. It parses only:
// storage and the queue sit on top of it.
package wire

import (
	"errors"
	"fmt"
	"time"
)

// Kind is what a wire item carries.
type Kind string

const (
	KindText    Kind = "text"    // a story
	KindPicture Kind = "picture" // a photo that can lead a story
	KindPackage Kind = "package" // a story with its photos
	// KindNotice is a bare withdrawal: an item's identity and "withheld" or
	// "canceled", with no copy. It applies to the item it names; until that item
	// arrives it waits, out of the queue's lists.
	KindNotice Kind = "notice"
)

// Status is the agency's word on whether an item may be used.
type Status string

const (
	StatusUsable   Status = "usable"
	StatusWithheld Status = "withheld" // do not use for now; derived stories must be flagged
	StatusCanceled Status = "canceled" // killed: stories published as is come down
)

// Rendition is one file of a picture, largest first.
type Rendition struct {
	Name          string
	Href          string
	MediaType     string
	Width, Height int
}

// Item is one piece of agency copy as the newsroom sees it.
type Item struct {
	Format     string // "ninjs 1", "ninjs 2", "ninjs 3", "NewsML-G2", "rss 2.0", "atom 1.0"
	Kind       Kind
	Agency     string // who to credit: "NTB contributed to this report"
	ID         string // the agency's id; with Agency it names the item across versions
	Version    int
	Headline   string
	Byline     string
	Dateline   string // where the story was filed from
	Body       string // as received: HTML when BodyHTML, else plain text
	BodyHTML   bool
	Summary    string
	Subjects   []string
	Language   string
	Urgency    int // 1 most urgent … 9 least; 0 when the agency gave none
	Created    time.Time
	Updated    time.Time
	Status     Status
	Caption    string // pictures
	Credit     string // pictures
	Renditions []Rendition
	Members    []Item // a package's story and photos, when they travel inside it (ninjs)
	Refs       []Ref  // the items a package links to, when they travel apart (NewsML-G2)
	Raw        []byte `json:"-"` // the copy exactly as received; stored apart from the parsed item

	// Source is whom the queue knows the item by, with ID: the provider the copy
	// names (NTB, a NewsML-G2 provider), or for feeds the feed's own address. Empty
	// when the copy names none; the ingester then uses the channel.
	Source string
	// Channel is the way the item came in: a polled feed's URL, a drop folder, the
	// command line. A bare notice naming no provider applies only to items that
	// came the same way.
	Channel string
	// HeadlineDerived marks a headline taken from the first sentence of the body,
	// for an item that had none.
	HeadlineDerived bool `json:",omitempty"`
	// Embargo is the time before which the copy may not be published.
	Embargo time.Time `json:",omitzero"`
	// Fingerprint identifies a feed entry's text, which has no version number: a
	// changed title or body makes a new version of the same item.
	Fingerprint string `json:",omitempty"`
	// Warnings are the fields dropped because they could not be read.
	Warnings []string `json:",omitempty"`
}

// Key is whom the queue knows the item by (with its ID): its Source, or, for copy
// stored before sources were kept, its agency.
func (it Item) Key() string { return firstOf(it.Source, it.Agency) }

// nameItself gives a package or picture that came without a headline the one its
// contents carry, so the queue never shows a row with nothing to read.
func (it *Item) nameItself() {
	if it.Headline != "" || it.Kind == KindNotice || it.Kind == KindText {
		return
	}
	for _, m := range it.Members {
		it.Headline = firstOf(it.Headline, m.Headline)
	}
	for _, r := range it.Refs {
		it.Headline = firstOf(it.Headline, r.Title)
	}
	if it.Headline == "" && it.Caption != "" {
		it.Headline = firstSentence(it.Caption, false)
	}
}

// Notice reports whether the item is a withdrawal without copy of its own.
func (it Item) Notice() bool { return it.Kind == KindNotice }

// Embargoed reports whether the copy is under embargo at t.
func (it Item) Embargoed(t time.Time) bool { return !it.Embargo.IsZero() && t.Before(it.Embargo) }

func (it *Item) warn(format string, args ...any) {
	it.Warnings = append(it.Warnings, fmt.Sprintf(format, args...))
}

// errEmpty is the one reason, in every format, for copy with nothing to publish.
func errEmpty() error {
	return refuse("no headline and no body: nothing to publish")
}

// Ref names an item a package links to.
type Ref struct {
	ID    string
	Kind  string // "text", "picture"... when the package says
	Title string
}

// ErrRefused is wrapped by every error for copy Dateline does not take (audio,
// video, events, fragments); the message says which and why.
var ErrRefused = errors.New("refused")

func refuse(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrRefused, fmt.Sprintf(format, args...))
}
