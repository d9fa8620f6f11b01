package public

import (
	"net/http"

	"dateline/internal/story"
	"dateline/internal/web"
)

// sectionFront lists a section's stories, its subsections' included.
func (s *Server) sectionFront(w http.ResponseWriter, r *http.Request) error {
	path := r.PathValue("section")
	if sub := r.PathValue("sub"); sub != "" {
		path += "/" + sub
	}
	c, err := s.chrome(r.Context(), "", path)
	if err != nil {
		return err
	}
	if yearPattern.MatchString(r.PathValue("section")) {
		return s.yearOrMonthArchive(w, r, c, r.PathValue("section"), r.PathValue("sub"))
	}
	sec, ok := c.tree.ByPath(path)
	if !ok {
		if r.PathValue("sub") == "" {
			return s.sitePageShow(w, r, c, path) // a section first, then a page, then the redirect table
		}
		return web.ErrNotFound
	}
	c.Title = sec.Name + " - " + c.Site.Name
	c.Canonical = c.canonical("/" + sec.Path + "/")
	page := listPage{chrome: c, Heading: sec.Name, ListHeading: c.l.T("latest_in", sec.Name)}
	page.Feeds = append(feedLinks(sec.Path, sec.Name+" - "+c.Site.Name), page.Feeds...)
	if parent, ok := c.tree.Parent(sec); ok {
		page.Parent = &navItem{Name: parent.Name, URL: "/" + parent.Path + "/"}
	}
	for _, sub := range c.tree.Children(sec.ID) {
		page.Subsections = append(page.Subsections, navItem{Name: sub.Name, URL: "/" + sub.Path + "/"})
	}
	page.Stories, page.Pager, err = s.storyList(r, c, story.Query{SectionID: sec.ID}, "/"+sec.Path+"/")
	if err != nil {
		return err
	}
	if page.Pager.Page == 1 {
		if err := s.rankFront(r, c, sec.ID, &page); err != nil {
			return err
		}
	}
	return s.html(w, "front", page)
}
