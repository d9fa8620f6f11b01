package public

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"dateline/internal/letters"
	"dateline/internal/story"
	"dateline/internal/web"
)

// noticePage tells a reader what happened to what they sent.
type noticePage struct {
	chrome
	Heading  string
	Lines    []string
	BackURL  string
	BackText string
}

// privateKinds are what a reader may send without a story, or when comments are closed.
var privateKinds = letters.KindsFor(false, false)

// storyKinds are what a reader may send from a story with open comments.
var storyKinds = letters.KindsFor(true, true)

// commentsOpen reports whether readers may comment on a story now.
func commentsOpen(st story.Story, closeDays int, now time.Time) bool {
	return letters.CommentsOpen(st.CommentsOpen, st.PublishedAt, closeDays, now)
}

// letterSubmit takes a message from a story's "What You Think" form or the contact
// page and files it on the letters desk. A message with problems comes back in its
// form with the reader's words kept.
func (s *Server) letterSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &web.Error{Status: http.StatusRequestEntityTooLarge, Public: "letter_too_long", Err: err}
		}
		return &web.Error{Status: http.StatusBadRequest, Public: "letter_unreadable", Err: err}
	}
	ctx := r.Context()
	if r.PostFormValue("website") != "" {
		return s.thanks(w, r, nil, letters.KindPrivate) // the honeypot: only robots fill it; store nothing
	}
	site, err := s.store.Site(ctx)
	if err != nil {
		return err
	}
	var st *story.Story
	kinds := privateKinds
	if v := r.PostFormValue("story"); v != "" && v != "0" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return &web.Error{Status: http.StatusBadRequest, Public: "letter_unknown_story"}
		}
		found, err := s.store.StoryByID(ctx, id)
		if errors.Is(err, story.ErrNotFound) || (err == nil && !found.Visible()) {
			return &web.Error{Status: http.StatusNotFound, Public: "letter_unknown_story"}
		}
		if err != nil {
			return err
		}
		st = &found
		open := commentsOpen(found, site.CommentsCloseDays, s.now())
		kinds = letters.KindsFor(true, open)
		if !open && letters.Kind(r.PostFormValue("kind")) == letters.KindComment {
			return &web.Error{Status: http.StatusForbidden, Public: "comments_closed"}
		}
	}
	l := s.theme.Labels(site.Language)
	m, form := readLetter(r, l, st, kinds)
	age, valid := formAge(s.keys, form.Started, s.now())
	switch letters.CheckForm(age, valid, s.minFill) {
	case letters.ErrFormExpired:
		form.Problems = append(form.Problems, problem{l.T("problem_expired"), "msg-text"})
	case letters.ErrTooQuick:
		form.Problems = append(form.Problems, problem{l.T("problem_quick"), "msg-text"})
	}
	m.IPHash = ipHash(s.keys, s.clientIP(r))
	if len(form.Problems) == 0 {
		err = s.submit.Submit(ctx, &m, letters.Policy{Premoderated: site.CommentsPremoderated, Blocked: site.BlockedList()})
		switch {
		case errors.Is(err, letters.ErrDuplicate):
			form.Problems = append(form.Problems, problem{l.T("problem_duplicate"), "msg-text"})
		case errors.Is(err, letters.ErrStoryFlood):
			w.Header().Set("Retry-After", strconv.Itoa(int(letters.StoryFloodWindow.Seconds())))
			return &web.Error{
				Status: http.StatusTooManyRequests,
				Public: "letter_busy",
			}
		case err != nil:
			return err
		}
	}
	if len(form.Problems) > 0 {
		form.Started = formToken(s.keys, s.now())
		return s.letterAgain(w, r, st, form)
	}
	return s.thanks(w, r, st, m.Kind)
}

// letterAgain shows the form again, with the reader's words and the problems, on the
// story page or the contact page it came from.
//
// It answers with the form alone, its problems first: the title starts "Error:",
// and the summary (an alert that takes the focus) links to each field to fix. A
// reader sent back to a long story page would find the problems far below the top
// and might think the message had gone.
func (s *Server) letterAgain(w http.ResponseWriter, r *http.Request, st *story.Story, form *letterForm) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	c.titled(c.l.T("letter_refused_title"))
	page := contactPage{chrome: c, Letter: form, Refused: true}
	if st != nil {
		page.StoryHeadline, page.StoryURL = st.Headline, c.storyPath(*st)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusUnprocessableEntity)
	return s.theme.Render(w, c.lang(), "contact", page)
}

func (s *Server) thanks(w http.ResponseWriter, r *http.Request, st *story.Story, kind letters.Kind) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	c.titled(c.l.T("thank_you"))
	page := noticePage{chrome: c, Heading: c.l.T("thank_you_heading"), Lines: []string{c.l.T("thank_you_reached")},
		BackURL: "/", BackText: c.l.T("back_to_front")}
	if kind == letters.KindComment {
		page.Lines = append(page.Lines, c.l.T("thank_you_comments"))
	}
	if st != nil {
		page.BackURL, page.BackText = c.storyPath(*st), c.l.T("back_to_story")
	}
	return s.html(w, "notice", page)
}
