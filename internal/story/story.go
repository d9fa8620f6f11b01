// Package story holds the story aggregate: its fields, its life cycle and the rules
// that decide whether readers may see it.
package story

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"dateline/internal/slug"
)

// Story is one piece of copy, from first draft to publication.
type Story struct {
	ID           int64
	Slug         string
	Headline     string
	Dek          string // the standfirst under the headline
	Language     string // BCP 47, e.g. "en"
	SectionID    int64
	TopicIDs     []int64
	DatelineCity string // "Beijing"; printed in capitals
	BureauID     int64
	AuthorIDs    []int64
	BodyMarkdown string
	LeadMediaID  int64
	CreditLine   string  // "Bureau chief N. Name contributed to this report."
	RelatedIDs   []int64 // editor-pinned related stories, in order
	RelatedSites []Link
	CommentsOpen bool
	State        State
	// PublishedAt is the first publication; once set it never changes.
	PublishedAt time.Time
	// UpdatedAt is the last public update shown to readers ("Updated ..."); zero when none.
	UpdatedAt   time.Time
	ScheduledAt time.Time // embargo: when a scheduled story goes out
	Source      Source
	Notes       []Note // public updates and corrections
	Version     int    // optimistic-locking version, bumped on every save
	CreatedAt   time.Time
	ModifiedAt  time.Time
	ModifiedBy  int64 // the person who saved this version; 0 for the system
	// TrashedAt is when the story went to the trash (zero when it is not there):
	// kept, restorable, out of every list, deleted for good after TrashDays.
	TrashedAt time.Time
}

// Link is an external related site.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Source says where copy came from; the zero value means the newsroom's own.
type Source struct {
	Agency  string // the wire queue's key for the source: an agency's name, a feed's address, or "via <channel>"
	ItemID  string
	Version int
}

// Name is the source as readers may see it: the agency's name, a feed's host, or
// nothing for copy that named no source.
func (s Source) Name() string {
	switch {
	case strings.HasPrefix(s.Agency, "via "):
		return ""
	case strings.HasPrefix(s.Agency, "http://"), strings.HasPrefix(s.Agency, "https://"):
		if u, err := url.Parse(s.Agency); err == nil {
			return strings.TrimPrefix(u.Hostname(), "www.")
		}
		return ""
	}
	return s.Agency
}

// Note is a public update or correction appended to a story.
type Note struct {
	Kind NoteKind
	Text string
	At   time.Time
}

// NoteKind tells an update from a correction.
type NoteKind string

// Kinds of public notes.
const (
	NoteUpdate     NoteKind = "update"
	NoteCorrection NoteKind = "correction"
)

// Errors the store and validation return.
var (
	ErrNotFound  = errors.New("story not found")
	ErrSlugTaken = errors.New("story slug already in use")
	ErrConflict  = errors.New("story was changed by someone else")
	ErrInvalid   = errors.New("invalid story")
)

// Path is a story's public URL path: its section path, the day of its first
// publication in the site's zone, and its slug ("/world/asia/2026/11/29/slug/").
func (s *Story) Path(sectionPath string, loc *time.Location) string {
	// A slug in any script is percent-encoded, so the path is a plain ASCII URL in
	// pages, feeds, sitemaps, JSON-LD and redirects alike.
	return "/" + sectionPath + "/" + s.PublishedAt.In(loc).Format("2006/01/02") + "/" + url.PathEscape(s.Slug) + "/"
}

// TrashDays is how long the trash keeps a story before it is deleted for good.
const TrashDays = 30

// Errors about the trash.
var (
	ErrInTrash  = errors.New("the story is in the trash: restore it first")
	ErrNotTrash = errors.New("only a story that is not published or scheduled can go to the trash")
)

// Visible reports whether readers may see the story. Only a published story is
// public: a scheduled story waits for the scheduler even when its time has passed.
func (s *Story) Visible() bool { return s.State == StatePublished && !s.PublishedAt.IsZero() }

// Validate checks the fields a story needs in any state.
func (s *Story) Validate() error {
	switch {
	case strings.TrimSpace(s.Headline) == "":
		return fmt.Errorf("%w: headline is required", ErrInvalid)
	case utf8.RuneCountInString(s.Headline) > 300:
		return fmt.Errorf("%w: headline is longer than 300 characters", ErrInvalid)
	case !validSlug(s.Slug):
		return fmt.Errorf("%w: slug %q must be letters and digits joined by single hyphens, at most %d characters", ErrInvalid, s.Slug,
			slug.MaxRunes)
	case s.SectionID == 0:
		return fmt.Errorf("%w: section is required", ErrInvalid)
	case !s.State.Valid():
		return fmt.Errorf("%w: unknown state %q", ErrInvalid, s.State)
	}
	for _, l := range s.RelatedSites {
		if err := l.Validate(); err != nil {
			return err
		}
	}
	for _, id := range s.RelatedIDs {
		if id == s.ID && id != 0 {
			return fmt.Errorf("%w: a story cannot be related to itself", ErrInvalid)
		}
	}
	return nil
}

// Validate accepts only absolute http and https links with a title.
func (l Link) Validate() error {
	u, err := url.Parse(l.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: related site %q must be an http or https URL", ErrInvalid, l.URL)
	}
	if strings.TrimSpace(l.Title) == "" {
		return fmt.Errorf("%w: related site %q needs a title", ErrInvalid, l.URL)
	}
	return nil
}
