package story

import "dateline/internal/slug"

// Slugify makes a story slug from a headline (see package slug): letters and digits
// of any script joined by single hyphens, or "" when the headline has none (only
// emoji or punctuation); the store then names the story "story-<id>".
func Slugify(headline string) string { return slug.Make(headline) }

// validSlug accepts a slug as Slugify writes them, and "" for a new story whose
// slug the store assigns.
func validSlug(s string) bool { return s == "" || slug.Valid(s) }
