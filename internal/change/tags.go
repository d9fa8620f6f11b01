// Package change names what a committed change touched, as tags: the store reports
// them, the render cache and the CDN drop the pages built from them, and the
// schedulers and outbox relays wake on theirs. It imports nothing of ours.
package change

import "strconv"

// Tags name what a page was built from, and what a change changed:
//
//	site          settings, sections, topics, bureaus, people: every page
//	stories       stories' publication, text or place on a front: every list
//	story:ID      one story's own page (and pages showing it as related)
//	comments      any comment count on a list
//	comments:ID   the comments on one story's page
//	schedule      an embargo was set, moved or lifted: no page, it wakes the schedulers
//	outbox        work was queued in the outbox: no page, it wakes the relays
const (
	TagSite     = "site"
	TagStories  = "stories"
	TagComments = "comments"
	TagSchedule = "schedule"
	TagOutbox   = "outbox"
)

// PageTags are the tags of a change that name pages: all but schedule and outbox.
func PageTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t != TagSchedule && t != TagOutbox {
			out = append(out, t)
		}
	}
	return out
}

// TagStory names one story's page.
func TagStory(id int64) string { return "story:" + strconv.FormatInt(id, 10) }

// TagStoryComments names the comments shown on one story's page.
func TagStoryComments(id int64) string { return "comments:" + strconv.FormatInt(id, 10) }

// ListTags are what every list page (fronts, archives, feeds, sitemaps) depends on.
var ListTags = []string{TagSite, TagStories, TagComments}
