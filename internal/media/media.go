// Package media holds photos and other files attached to stories.
package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
)

// Media is one stored file with the words a page needs to show it accessibly.
type Media struct {
	ID          int64
	FileName    string // name in the blob store, e.g. "2026/11/7f3a.png"
	ContentType string
	Size        int64
	Width       int
	Height      int
	Alt         string // text alternative for screen readers
	Caption     string
	Credit      string // "Photo: Ana Ruiz / Dateline"
	Variants    []int  // widths of resized copies, smallest first
	CreatedAt   time.Time
	// Clean is true once the stored files carry pixels only (no EXIF, XMP or IPTC).
	Clean bool
	// Version counts edits of the text (alt, caption, credit) and of the focal
	// point: an edit made from an older version is ErrConflict.
	Version int
	// Focus is the photo's focal point; Crops the crops made around it.
	Focus Focus
	Crops Crops
}

// VariantName is the blob name of the copy of m resized to width.
func (m Media) VariantName(width int) string {
	ext := path.Ext(m.FileName)
	return fmt.Sprintf("%s-%d%s", strings.TrimSuffix(m.FileName, ext), width, ext)
}

// Errors the store and blob store return.
var (
	ErrNotFound = errors.New("media not found")
	ErrInvalid  = errors.New("invalid media")
	ErrConflict = errors.New("the photo was saved by someone else meanwhile; reload it and make your change again")
)

// Validate checks what every published photo needs.
func (m Media) Validate() error {
	switch {
	case m.FileName == "" || m.ContentType == "":
		return fmt.Errorf("%w: file name and content type are required", ErrInvalid)
	case m.Alt == "":
		return fmt.Errorf("%w: alt text is required", ErrInvalid)
	}
	return nil
}

// Store keeps media records.
type Store interface {
	CreateMedia(ctx context.Context, m *Media) error
	MediaByID(ctx context.Context, id int64) (Media, error)
	// PublicMediaStories returns the published stories leading with media id or
	// putting it in their text: it is
	// public only while there is one.
	PublicMediaStories(ctx context.Context, id int64) ([]int64, error)
	// RecentPublicMedia returns the lead media of the newest published stories.
	RecentPublicMedia(ctx context.Context, limit int) ([]Media, error)
	// UncleanMedia returns media stored before metadata was stripped.
	UncleanMedia(ctx context.Context, limit int) ([]Media, error)
	// MarkMediaClean records m's cleaned files: type, size, dimensions and copies.
	MarkMediaClean(ctx context.Context, m Media) error
	// MediaWithUses lists photos newest first, each with how many stories (in any
	// state) lead with it; query, when given, matches caption, credit or alt text.
	MediaWithUses(ctx context.Context, query string, limit int) ([]Used, error)
	// MediaHeldBack reports whether a photo leads only unpublished stories: no
	// other story's text shows it until one of them is published.
	MediaHeldBack(ctx context.Context, id int64) (bool, error)
	// MediaStories lists the stories, in any state, that lead with a photo or put
	// it in their text.
	MediaStories(ctx context.Context, id int64) ([]int64, error)
	// UpdateMediaText replaces a photo's alt text, caption and credit at its
	// Version (ErrConflict when it has moved on), and advances the version.
	UpdateMediaText(ctx context.Context, m *Media) error
	// UpdateMediaCrops records a photo's focal point and the crops made around it,
	// at its Version, and advances the version.
	UpdateMediaCrops(ctx context.Context, m *Media) error
}

// Used is a photo and how many stories use it: one no story uses may be deleted.
type Used struct {
	Media
	Stories int
}

// Blobs stores the bytes of media files.
type Blobs interface {
	// Put writes the whole of r under name, atomically.
	Put(name string, r io.Reader) error
	// Open returns the file for reading; ErrNotFound when missing.
	Open(name string) (io.ReadSeekCloser, error)
	// Remove deletes a file; a missing one is no error.
	Remove(name string) error
}
