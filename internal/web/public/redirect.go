package public

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// redirect answers 301 when the redirect table moves key elsewhere and reports
// whether it did. A redirect to a story goes to the story's address now, and only
// while it is published: an unpublished story's slug never leaves in a Location.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, key string) bool {
	to, _ := s.redirectTarget(r, key)
	if to == "" {
		return false
	}
	http.Redirect(w, r, to, http.StatusMovedPermanently)
	return true
}

// redirectTarget is where key moved to, "" when nowhere (or to a story not
// published now); known says whether the table has key at all.
func (s *Server) redirectTarget(r *http.Request, key string) (to string, known bool) {
	to, storyID, ok, err := s.store.Redirect(r.Context(), canonicalEscapes(key))
	if err != nil || !ok {
		return "", false
	}
	if storyID == 0 {
		return to, true
	}
	st, err := s.store.StoryByID(r.Context(), storyID)
	if err != nil || !st.Visible() {
		return "", true
	}
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return "", true
	}
	return c.storyPath(st), true
}

var escapeHex = regexp.MustCompile(`%[0-9a-f][0-9a-fA-F]|%[0-9A-F][0-9a-f]`)

// canonicalEscapes writes a path's percent-escapes in upper case, as the redirect
// table keeps them: old sites link "%e4%b8%ad", crawlers send either.
func canonicalEscapes(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	return escapeHex.ReplaceAllStringFunc(p, strings.ToUpper)
}

// oldQueries answers an imported site's query addresses (/?p=12) from the redirect
// table before anything else: "/" is the home page, and the page cache ignores
// queries, so neither may answer them first.
func (s *Server) oldQueries(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if key := queryKey(r); key != "" {
			switch to, known := s.redirectTarget(r, key); {
			case to != "":
				http.Redirect(w, r, to, http.StatusMovedPermanently)
				return
			case known: // an old post not published here (yet): not the home page
				s.renderError(w, r, http.StatusNotFound, "", nil)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// oldSiteQueryKeys are the query parameters by which a WordPress site named a post,
// a page or an archive (/?p=12, /?page_id=7, /?cat=3). An imported site's redirects
// are keyed by the path and the first of them, in this form.
var oldSiteQueryKeys = []string{"p", "page_id", "attachment_id", "cat", "tag", "author", "author_name", "feed"}

// queryKey is the redirect table's key for a request naming an old post by query,
// or "" when its query names none.
func queryKey(r *http.Request) string {
	if r.URL.RawQuery == "" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return ""
	}
	q := r.URL.Query()
	for _, k := range oldSiteQueryKeys {
		if v := q.Get(k); v != "" {
			return r.URL.EscapedPath() + "?" + k + "=" + url.QueryEscape(v)
		}
	}
	return ""
}
