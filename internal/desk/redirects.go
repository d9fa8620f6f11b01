package desk

import (
	"context"
	"net/url"

	"dateline/internal/section"
)

// feedNames are the feeds every list page has beside it.
var feedNames = []string{"feed.xml", "feed.atom", "feed.json"}

// redirectList records that a list page (a section or topic, "/world/") moved,
// with its feeds, in the one redirect table.
func (d *Desk) redirectList(ctx context.Context, from, to string) error {
	if from == to {
		return nil
	}
	if err := d.Store.AddRedirect(ctx, from, to); err != nil {
		return err
	}
	for _, f := range feedNames {
		if err := d.Store.AddRedirect(ctx, from+f, to+f); err != nil {
			return err
		}
	}
	return nil
}

// topicPath is a topic page's path, its slug percent-encoded as requests carry it.
func topicPath(slug string) string { return "/topics/" + url.PathEscape(slug) + "/" }

// topic reads one topic.
func (d *Desk) topic(ctx context.Context, id int64) (section.Topic, error) {
	list, err := d.Store.TopicsByID(ctx, []int64{id})
	if err != nil {
		return section.Topic{}, err
	}
	if len(list) == 0 {
		return section.Topic{}, section.ErrNotFound
	}
	return list[0], nil
}
