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
