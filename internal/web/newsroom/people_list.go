package newsroom

import (
	"net/http"
	"time"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/people"
)

type peoplePage struct {
	page
	People  []people.Person
	Bureaus []people.Bureau
	Link    string // a new invitation or reset link, shown once
	Expires time.Time
	Pending map[int64]auth.Link // unexpired links, by person
}

func (s *Server) peopleList(w http.ResponseWriter, r *http.Request) error {
	return s.showPeople(w, r, peoplePage{})
}

// showPeople renders the people page, with a link just made when there is one.
func (s *Server) showPeople(w http.ResponseWriter, r *http.Request, p peoplePage) error {
	var err error
	if p.People, err = s.store.People(r.Context()); err != nil {
		return err
	}
	if p.Bureaus, err = s.store.Bureaus(r.Context()); err != nil {
		return err
	}
	if p.Pending, err = s.store.PendingLinks(r.Context(), s.now()); err != nil {
		return err
	}
	p.page = s.base(r, "People")
	return s.render(w, http.StatusOK, "people", p)
}

// showLink shows the people page with a one-time link just made, once.
func (s *Server) showLink(w http.ResponseWriter, r *http.Request, l desk.NewLink) error {
	return s.showPeople(w, r, peoplePage{Link: current(r).site.BaseURL + "/newsroom/invite/" + l.Secret, Expires: l.Link.ExpiresAt})
}
