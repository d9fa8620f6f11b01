// Package siteimport reads another publishing system's export (a WordPress
// eXtended RSS file, a Ghost JSON export) into neutral records, turns their HTML
// into Dateline Markdown, and files them through the desk in batches: one
// transaction per batch, each item remembered by its old ID so that running the
// same export again changes nothing. It does no HTTP and no SQL of its own.
package siteimport

import "time"

// Kind is what an imported record becomes.
type Kind string

// The kinds of record, in the order an import files them.
const (
	KindPerson  Kind = "person"
	KindSection Kind = "section"
	KindTopic   Kind = "topic"
	KindMedia   Kind = "media"
	KindStory   Kind = "story"
	KindPage    Kind = "page"
	KindMessage Kind = "message"
)

// Author is a person who wrote for the old site.
type Author struct {
	Key   string // the old system's login or ID
	Name  string
	Email string
	Slug  string
	Bio   string
}

// Term is a category (becomes a section) or a tag (becomes a topic).
type Term struct {
	Key    string // the old slug, unique per kind
	Name   string
	Parent string // the parent category's key; "" at the top
}

// Attachment is a photo of the old site.
type Attachment struct {
	Key     string // the old post ID
	URL     string // where the old site served the file
	File    string // its path under the uploads folder, when the export says
	Title   string
	Alt     string
	Caption string
	Credit  string
}

// Status is an old post's place in its workflow.
type Status string

// The statuses an export carries, in Dateline's terms.
const (
	StatusPublished Status = "published"
	StatusScheduled Status = "scheduled"
	StatusDraft     Status = "draft"
	StatusPending   Status = "pending"
)

// Post is a story or a site page of the old site.
type Post struct {
	Key        string // the old post ID
	Page       bool
	Title      string
	Slug       string // as the old site had it, decoded
	ParentKey  string // a page's parent page
	HTML       string // the body as the old site stored it
	Autop      bool   // WordPress: blank lines in HTML are paragraph breaks (its classic editor's text)
	Excerpt    string
	Status     Status
	Published  time.Time // zero for drafts
	Modified   time.Time
	AuthorKeys []string
	Categories []string // term keys, first is the section
	Tags       []string
	Sticky     bool
	Featured   string // the lead photo's attachment key
	Comments   []Comment
	OldURLs    []string // every address the old site answered for it
	Open       bool     // comments open
}

// Comment is a reader's comment on an old post.
type Comment struct {
	Key       string
	ParentKey string // the comment it answers; "" for none
	Name      string
	Email     string
	URL       string
	IP        string
	Text      string
	Date      time.Time
	State     string // "published", "pending" or "spam"
}
