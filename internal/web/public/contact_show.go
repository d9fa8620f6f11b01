package public

import (
	"net/http"
	"strconv"

	"dateline/internal/letters"
)

// contactPage is the general "write to the newsroom" page.
type contactPage struct {
	chrome
	StoryHeadline string
	StoryURL      string // set when a refused message about a story comes back
	Letter        *letterForm
	Refused       bool // the form comes back with problems
}

// contactShow offers the private kinds of message, and a correction request when it
// is about a published story (?story=ID).
func (s *Server) contactShow(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	c.titled(c.l.T("contact_newsroom"))
	c.Canonical = c.canonical("/contact/")
	page := contactPage{chrome: c, Letter: newLetterForm(0, privateKinds, formToken(s.keys, s.now()))}
	if v := r.URL.Query().Get("story"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			if st, err := s.store.StoryByID(r.Context(), id); err == nil && st.Visible() {
				page.StoryHeadline = st.Headline
				page.Letter = newLetterForm(st.ID, []letters.Kind{letters.KindPrivate, letters.KindCorrection, letters.KindTip}, page.Letter.Started)
			}
		}
	}
	w.Header().Set("Surrogate-Key", "site stories")
	return s.html(w, "contact", page)
}
