package public

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"dateline/internal/web"
)

// pageSize is how many stories a list page shows.
const pageSize = 20

// pager links a list page to its neighbours.
type pager struct {
	Label string
	Page  int
	Pages int
	Newer string
	Older string
}

// maxPage is the deepest list page served: deeper offsets cost the database a scan
// of every row before them, and the date archives reach older stories cheaply.
const maxPage = 500

// pageNumber is the page a list's or story's address named: N of its .../page/N/
// or .../comments/N/ (see pagedPaths), 1 without one.
func pageNumber(r *http.Request, kind string) int {
	if n, ok := r.Context().Value(pageKey{kind}).(int); ok {
		return n
	}
	return 1
}

// queryPage reads ?{param}=N (default 1), as search results are paged. A malformed
// number, or one past maxPage, is a 404, like any other URL that names no page.
func queryPage(q url.Values, param string) (int, error) {
	v := q.Get(param)
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPage || strconv.Itoa(n) != v {
		return 0, web.ErrNotFound
	}
	return n, nil
}

// newPager builds the links for page of total items; asking for a page past the end
// (other than the first) is a 404.
func newPager(label, path, param string, page, total, size int) (pager, error) {
	pages := max(1, (total+size-1)/size)
	if page > pages {
		return pager{}, web.ErrNotFound
	}
	p := pager{Label: label, Page: page, Pages: pages}
	link := func(n int) string {
		switch {
		case n == 1:
			return path
		case strings.Contains(path, "?"): // search results
			return fmt.Sprintf("%s&%s=%d", path, param, n)
		default:
			return fmt.Sprintf("%s%s/%d/", path, param, n)
		}
	}
	if page > 1 {
		p.Newer = link(page - 1)
	}
	if page < pages {
		p.Older = link(page + 1)
	}
	return p, nil
}

// pageKey keys the page number a paged address named in its request's context.
type pageKey struct{ kind string }

// pagedSuffix is the end of a paged address: a list's /page/N/, a story's older
// comments at /comments/N/.
var pagedSuffix = regexp.MustCompile(`^(/(?:.*/)?)(page|comments)/([0-9]+)/$`)

// pagedPaths serves a list's later pages at its path plus page/N/, and a story's
// older comments at its path plus comments/N/: addresses that are plain files in a
// static export, and that caches keyed by path alone tell apart. The old query
// forms (?page=N, ?comments=N) redirect there; search results keep theirs.
func (s *Server) pagedPaths(next, notFound http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/search" {
			next.ServeHTTP(w, r)
			return
		}
		if r.URL.RawQuery != "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			q := r.URL.Query()
			for _, kind := range []string{"page", "comments"} {
				if !q.Has(kind) {
					continue
				}
				n, err := queryPage(q, kind)
				if err != nil {
					notFound.ServeHTTP(w, r)
					return
				}
				to := r.URL.EscapedPath()
				if n > 1 {
					to += fmt.Sprintf("%s/%d/", kind, n)
				}
				http.Redirect(w, r, to, http.StatusMovedPermanently)
				return
			}
		}
		m := pagedSuffix.FindStringSubmatch(r.URL.Path)
		if m == nil {
			next.ServeHTTP(w, r)
			return
		}
		n, err := strconv.Atoi(m[3])
		switch {
		case m[3] == "1":
			http.Redirect(w, r, strings.TrimSuffix(r.URL.EscapedPath(), m[2]+"/1/"), http.StatusMovedPermanently)
			return
		case err != nil || n < 2 || n > maxPage || strconv.Itoa(n) != m[3]:
			notFound.ServeHTTP(w, r)
			return
		}
		inner := r.Clone(context.WithValue(r.Context(), pageKey{m[2]}, n))
		inner.URL.Path = m[1]
		inner.URL.RawPath = ""
		if raw := r.URL.RawPath; raw != "" {
			inner.URL.RawPath = raw[:len(raw)-len(r.URL.Path)+len(m[1])]
		}
		next.ServeHTTP(w, inner)
	})
}
