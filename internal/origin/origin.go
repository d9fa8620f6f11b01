// Package origin remembers where imported items came from: which item of another
// system's export each story, page, person, section, topic, photo and message
// was made from, so that an import run again changes only what changed there,
// and leaves alone what the newsroom has edited here since. It imports nothing of
// ours.
package origin

import "context"

// Link is what one item of an export became here.
type Link struct {
	Source  string // the export's site: "wordpress https://old.example"
	Kind    string // "story", "person"...
	OldID   string
	NewID   int64
	Digest  string // of the item as last imported: the same digest is nothing to do
	Version int    // a story's or page's version after the import wrote it
}

// Store keeps the links.
type Store interface {
	// ImportLink returns the link for an old item, or false when it was never imported.
	ImportLink(ctx context.Context, source, kind, oldID string) (Link, bool, error)
	// ImportLinks returns every link of one kind from a source, by old ID.
	ImportLinks(ctx context.Context, source, kind string) (map[string]Link, error)
	// ImportLinksFor returns the links of the given old items of one kind that exist.
	ImportLinksFor(ctx context.Context, source, kind string, oldIDs []string) (map[string]Link, error)
	// SaveImportLink records or updates a link.
	SaveImportLink(ctx context.Context, l Link) error
}
