package public

import (
	"net/http"

	"dateline/internal/render"
	"dateline/internal/story"
)

// dateArchive lists the stories first published on a day in the site's zone.
func (s *Server) dateArchive(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	day, err := parseDay(r, c.loc)
	if err != nil {
		return err
	}
	title := render.LongDate(day, c.loc)
	c.Title = "Stories of " + title + " - " + c.Site.Name
	path := "/" + day.Format("2006/01/02") + "/"
	c.Canonical = c.canonical(path)
	page := listPage{chrome: c, Heading: title, ListHeading: "Stories published that day"}
	q := story.Query{PublishedFrom: day, PublishedTo: day.AddDate(0, 0, 1)}
	page.Stories, page.Pager, err = s.storyList(r, c, q, path)
	if err != nil {
		return err
	}
	return s.html(w, "front", page)
}
