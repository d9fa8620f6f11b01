package public

import (
	"net/http"
	"net/url"

	"dateline/internal/slug"
	"dateline/internal/story"
	"dateline/internal/web"
)

// topicShow lists the stories tagged with a topic.
func (s *Server) topicShow(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("slug")
	if !slug.Valid(name) {
		return web.ErrNotFound
	}
	topic, err := s.store.PublishedTopicBySlug(r.Context(), name)
	if err != nil {
		return err
	}
	c, err := s.chrome(r.Context(), topic.Name, "")
	if err != nil {
		return err
	}
	path := "/topics/" + url.PathEscape(topic.Slug) + "/"
	c.Canonical = c.canonical(path)
	page := listPage{chrome: c, Heading: topic.Name, Intro: c.l.T("stories_about", topic.Name), ListHeading: c.l.T("latest_stories")}
	page.Feeds = append(feedLinks("topics/"+url.PathEscape(topic.Slug), topic.Name+" - "+c.Site.Name), page.Feeds...)
	page.Stories, page.Pager, err = s.storyList(r, c, story.Query{TopicID: topic.ID}, path)
	if err != nil {
		return err
	}
	return s.html(w, "front", page)
}
