// Package section holds the site's section tree (World › Asia) and its free topics.
package section

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"dateline/internal/slug"
)

// Section is a department of the site with its own front page.
type Section struct {
	ID       int64
	Slug     string
	Name     string
	ParentID int64 // 0 for a top-level section
	Position int   // order among its siblings in navigation
	// Path is the URL path without slashes at either end: "world" or "world/asia".
	// The store fills it in.
	Path string
}

// Topic is a free tag that groups stories across sections.
type Topic struct {
	ID   int64
	Slug string
	Name string
}

// Errors the store and validation return.
var (
	ErrNotFound  = errors.New("section or topic not found")
	ErrSlugTaken = errors.New("slug already in use")
	ErrInvalid   = errors.New("invalid section or topic")
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a lowercase, hyphen-separated URL slug.
func ValidSlug(s string) bool { return len(s) <= 80 && slugPattern.MatchString(s) }

// reserved is the one registry of first path segments the system owns: routes of
// the public site, the newsroom and the APIs, files, feeds and sitemaps, and those
// kept for what comes next. Sections (and site pages) are checked against it, and
// every four-digit segment is a date archive's.
var reserved = map[string]bool{
	"topics": true, "people": true, "search": true, "api": true, "newsroom": true,
	"media": true, "static": true, "feed.xml": true, "feed.atom": true,
	"feed.json": true, "feed": true, "feeds": true, "sitemap.xml": true, "sitemaps": true,
	"news-sitemap.xml": true, "sitemap": true, "robots.txt": true, "favicon.ico": true,
	"letters": true, "contact": true, "healthz": true, "readyz": true, "metrics": true,
	"newsletters": true, "live": true, "account": true, "accounts": true, "login": true,
}

// Reserved reports whether a first path segment belongs to the system: a route, a
// file, a feed or sitemap (including /sitemap-*.xml), or a date archive's year.
func Reserved(segment string) bool {
	return reserved[segment] || yearPattern.MatchString(segment) || strings.HasPrefix(segment, "sitemap-")
}

var yearPattern = regexp.MustCompile(`^[0-9]{4}$`)

// Validate checks a section before it is stored.
func (s Section) Validate() error {
	switch {
	case s.Name == "":
		return fmt.Errorf("%w: name is required", ErrInvalid)
	case !ValidSlug(s.Slug):
		return fmt.Errorf("%w: slug %q must be lowercase letters, digits and hyphens", ErrInvalid, s.Slug)
	case yearPattern.MatchString(s.Slug):
		return fmt.Errorf("%w: slug %q looks like a year and would clash with date archives", ErrInvalid, s.Slug)
	case s.ParentID == 0 && Reserved(s.Slug):
		return fmt.Errorf("%w: slug %q is reserved", ErrInvalid, s.Slug)
	}
	return nil
}

// Validate checks a topic before it is stored.
func (t Topic) Validate() error {
	if t.Name == "" {
		return fmt.Errorf("%w: topic name is required", ErrInvalid)
	}
	if !slug.Valid(t.Slug) {
		return fmt.Errorf("%w: topic slug %q must be letters and digits joined by single hyphens", ErrInvalid, t.Slug)
	}
	return nil
}

// Store keeps sections and topics.
type Store interface {
	// CreateSection stores a new section and sets its ID and Path. Only one level of
	// nesting is allowed: a subsection's parent must be top level.
	CreateSection(ctx context.Context, s *Section) error
	// Sections returns every section, parents before their children, each group in order.
	Sections(ctx context.Context) ([]Section, error)
	// CreateTopic stores a new topic and sets its ID.
	CreateTopic(ctx context.Context, t *Topic) error
	// TopicBySlug returns the topic or ErrNotFound.
	TopicBySlug(ctx context.Context, slug string) (Topic, error)
	// UpdateSection saves a section's name and position (its slug and parent stay).
	UpdateSection(ctx context.Context, s Section) error
	// RenameTopic changes a topic's name and slug.
	RenameTopic(ctx context.Context, t Topic) error
	// MergeTopics moves every story of topic from onto topic into and deletes from.
	MergeTopics(ctx context.Context, from, into int64) error
	// Topics returns every topic by name.
	Topics(ctx context.Context) ([]Topic, error)
	// TopicsByID returns the topics with the given IDs in the order given.
	TopicsByID(ctx context.Context, ids []int64) ([]Topic, error)
}
