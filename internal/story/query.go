package story

import (
	"context"
	"time"
)

// Query selects stories for a list. Its zero value means "published stories, newest
// first", so a public list cannot include unpublished copy by omission.
type Query struct {
	SectionID int64 // includes the section's subsections
	TopicID   int64
	AuthorID  int64
	// PublishedFrom and PublishedTo bound the first-publication time: [From, To).
	PublishedFrom time.Time
	PublishedTo   time.Time
	Limit         int // default 20, at most 200
	Offset        int
	// AnyState lists stories in every state; only newsroom surfaces may set it.
	AnyState bool
}

// Store keeps stories.
type Store interface {
	// CreateStory stores s with version 1 and sets its ID; ErrSlugTaken on a clash.
	CreateStory(ctx context.Context, s *Story) error
	// UpdateStory saves s if s.Version is still current (else ErrConflict), keeps a
	// revision of the previous version and bumps s.Version.
	UpdateStory(ctx context.Context, s *Story) error
	// StoryByID returns a story in any state, or ErrNotFound.
	StoryByID(ctx context.Context, id int64) (Story, error)
	// StoryBySlug returns the story that has or once had slug, in any state.
	StoryBySlug(ctx context.Context, slug string) (Story, error)
	// Stories lists stories without their body and lists (topics, authors...), and the
	// total that matched the query before Limit and Offset.
	Stories(ctx context.Context, q Query) ([]Story, int, error)
	// StoriesByID returns the published stories among ids, in the order given.
	StoriesByID(ctx context.Context, ids []int64) ([]Story, error)
	// RelatedByTopic returns published stories sharing topics with the story, most
	// shared topics first, excluding the story itself and the ids in exclude.
	RelatedByTopic(ctx context.Context, id int64, exclude []int64, limit int) ([]Story, error)
	// SetFront replaces the editor-ordered top stories of the home front.
	SetFront(ctx context.Context, ids []int64) error
	// FrontStories returns the published top stories in the editors' order.
	FrontStories(ctx context.Context) ([]Story, error)
	// Revisions lists the saved earlier versions of a story, newest first.
	Revisions(ctx context.Context, id int64) ([]Revision, error)
}

// Revision is a saved earlier version of a story.
type Revision struct {
	StoryID  int64
	Version  int
	Headline string
	Body     string
	SavedAt  time.Time
}
