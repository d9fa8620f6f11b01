package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/settings"
)

type pagesPage struct {
	page
	Pages []settings.Page
}

type pageEditPage struct {
	page
	Page settings.Page
}

// pageList lists the site's pages.
func (s *Server) pageList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.store.SitePages(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "pages", pagesPage{page: s.base(r, "Site pages"), Pages: list})
}

// pageNew is the form for a new page.
func (s *Server) pageNew(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "page_edit", pageEditPage{page: s.base(r, "New page")})
}

// pageEdit is the form for one page.
func (s *Server) pageEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.store.SitePageByID(r.Context(), id)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "page_edit", pageEditPage{page: s.base(r, p.Title), Page: p})
}

// pageSave creates a page (POST /newsroom/pages) or saves one at the version edited.
func (s *Server) pageSave(w http.ResponseWriter, r *http.Request) error {
	p := settings.Page{Title: r.PostFormValue("title"), Slug: r.PostFormValue("slug"),
		BodyMarkdown: strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n"), InFooter: r.PostFormValue("in_footer") == "on"}
	p.Position, _ = strconv.Atoi(r.PostFormValue("position"))
	p.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	if r.PathValue("id") != "" {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		p.ID = id
	}
	if err := s.desk.SaveSitePage(r.Context(), s.actor(r), &p); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/pages/"+strconv.FormatInt(p.ID, 10), "Page saved")
}
