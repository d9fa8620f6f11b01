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
	// State, with AnyState, lists only stories in that state.
	State State
	// Headline matches stories whose headline contains it, ignoring case.
	Headline string
	// Trashed lists the stories in the trash instead of the others.
	Trashed bool
	// ScheduledBefore, when set, lists stories due to publish before it, soonest
	// first (a desk's "next 24 hours").
	ScheduledBefore time.Time
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
	// StoryAuthorIDs returns the authors of each of the stories, in byline order.
	StoryAuthorIDs(ctx context.Context, ids []int64) (map[int64][]int64, error)
	// StoriesByID returns the published stories among ids, in the order given.
	StoriesByID(ctx context.Context, ids []int64) ([]Story, error)
	// RelatedByTopic returns published stories sharing topics with the story, most
	// shared topics first, excluding the story itself and the ids in exclude.
	RelatedByTopic(ctx context.Context, id int64, exclude []int64, limit int) ([]Story, error)
	// SetFront replaces the editor-ordered top stories of a front (the home front
	// for section 0, else the section's) if its version is still version (else
	// ErrFrontConflict; AnyFrontVersion skips the check), and advances the version.
	SetFront(ctx context.Context, sectionID int64, ids []int64, version int64) error
	// FrontVersion counts the changes made to a front's order: what an editor saves
	// from must still be current.
	FrontVersion(ctx context.Context, sectionID int64) (int64, error)
	// FrontStories returns a front's published top stories in the editors' order.
	FrontStories(ctx context.Context, sectionID int64) ([]Story, error)
	// FrontIDs returns a front's story ids in order, whatever their state.
	FrontIDs(ctx context.Context, sectionID int64) ([]int64, error)
	// AutoRelated returns the related stories computed when the story was last
	// published or changed, published ones only.
	AutoRelated(ctx context.Context, id int64) ([]Story, error)
	// Revisions lists the saved earlier versions of a story, newest first.
	Revisions(ctx context.Context, id int64) ([]Revision, error)
	// PublishDue publishes the scheduled stories whose time has come, each claimed
	// in the database so that it is published exactly once however many nodes ask.
	// It returns the stories this call published.
	PublishDue(ctx context.Context, now time.Time) ([]Story, error)
	// SaveAutosave keeps one draft payload per person and story (0 for a new story).
	SaveAutosave(ctx context.Context, personID, storyID int64, payload string) error
	// Autosave returns the payload and its time, or ErrNotFound.
	Autosave(ctx context.Context, personID, storyID int64) (string, time.Time, error)
	// DeleteAutosave drops the slot once its content is saved for real.
	DeleteAutosave(ctx context.Context, personID, storyID int64) error
}

// Revision is a saved earlier version of a story: what it said, its state, and who
// saved it when.
type Revision struct {
	StoryID  int64
	Version  int
	Headline string
	Dek      string
	Body     string
	State    State
	SavedBy  int64
	SavedAt  time.Time
}
