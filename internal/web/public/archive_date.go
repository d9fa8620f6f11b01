package public

import (
	"net/http"
	"strconv"
	"time"

	"dateline/internal/render"
	"dateline/internal/story"
	"dateline/internal/web"
)

// A date archive lists the stories first published in a day, a month or a year of
// the site's zone. A period without stories is not a page (404), and each archive
// links to the nearest earlier and later periods that have stories.

// period is one archive's span and how it is named.
type period struct {
	from, to time.Time
	unit     string // "day", "month", "year"
}

func (p period) path() string {
	switch p.unit {
	case "year":
		return p.from.Format("/2006/")
	case "month":
		return p.from.Format("/2006/01/")
	}
	return p.from.Format("/2006/01/02/")
}

func (p period) title(cal render.Calendar) string {
	switch p.unit {
	case "year":
		return p.from.Format("2006")
	case "month":
		return cal.Month(p.from, p.from.Location())
	}
	return cal.Date(p.from, p.from.Location())
}

// containing is the period of the same unit that holds t.
func (p period) containing(t time.Time) period {
	t = t.In(p.from.Location())
	switch p.unit {
	case "year":
		from := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, t.Location())
		return period{from, from.AddDate(1, 0, 0), "year"}
	case "month":
		from := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
		return period{from, from.AddDate(0, 1, 0), "month"}
	}
	from := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	return period{from, from.AddDate(0, 0, 1), "day"}
}

// archiveLinks are an archive's links to its neighbours with stories.
type archiveLinks struct {
	Earlier, Later         string
	EarlierName, LaterName string
}

// dateArchive serves /2026/11/30/.
func (s *Server) dateArchive(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	day, err := parseDay(r, c.loc)
	if err != nil {
		return err
	}
	return s.archive(w, r, c, period{day, day.AddDate(0, 0, 1), "day"})
}

// yearOrMonthArchive serves /2026/ and /2026/11/, which share their patterns with
// section fronts: sections are never named like years.
func (s *Server) yearOrMonthArchive(w http.ResponseWriter, r *http.Request, c chrome, year, month string) error {
	y, err := strconv.Atoi(year)
	if err != nil || !yearPattern.MatchString(year) || y < 1 {
		return web.ErrNotFound
	}
	if month == "" {
		from := time.Date(y, 1, 1, 0, 0, 0, 0, c.loc)
		return s.archive(w, r, c, period{from, from.AddDate(1, 0, 0), "year"})
	}
	m, err := strconv.Atoi(month)
	if err != nil || !twoDigits.MatchString(month) || m < 1 || m > 12 {
		return web.ErrNotFound
	}
	from := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, c.loc)
	return s.archive(w, r, c, period{from, from.AddDate(0, 1, 0), "month"})
}

func (s *Server) archive(w http.ResponseWriter, r *http.Request, c chrome, p period) error {
	title := p.title(c.cal)
	c.titled(c.l.T("archive_title", title))
	c.Canonical = c.canonical(p.path())
	page := listPage{chrome: c, Heading: title, ListHeading: c.l.T("archive_" + p.unit)}
	q := story.Query{PublishedFrom: p.from, PublishedTo: p.to}
	var err error
	page.Stories, page.Pager, err = s.storyList(r, c, q, p.path())
	if err != nil {
		return err
	}
	if len(page.Stories) == 0 && page.Pager.Page == 1 {
		return web.ErrNotFound // an empty period is not a page for crawlers to index
	}
	prev, next, err := s.store.PublishedAround(r.Context(), p.from, p.to)
	if err != nil {
		return err
	}
	page.Archive = &archiveLinks{}
	if !prev.IsZero() {
		e := p.containing(prev)
		page.Archive.Earlier, page.Archive.EarlierName = e.path(), e.title(c.cal)
	}
	if !next.IsZero() {
		l := p.containing(next)
		page.Archive.Later, page.Archive.LaterName = l.path(), l.title(c.cal)
	}
	return s.html(w, "front", page)
}
