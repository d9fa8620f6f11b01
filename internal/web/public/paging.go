package public

import (
	"fmt"
	"net/url"
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

// pageNumber reads ?{param}=N (default 1). A malformed number, or one past maxPage,
// is a 404, like any other URL that names no page.
func pageNumber(q url.Values, param string) (int, error) {
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
		if n == 1 {
			return path
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		return fmt.Sprintf("%s%s%s=%d", path, sep, param, n)
	}
	if page > 1 {
		p.Newer = link(page - 1)
	}
	if page < pages {
		p.Older = link(page + 1)
	}
	return p, nil
}
