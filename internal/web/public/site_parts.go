package public

import (
	"context"
	"slices"
	"sync"
	"time"

	"dateline/internal/change"
	"dateline/internal/render"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/theme"
)

// siteParts is what every page's chrome reads from the database: the settings, the
// published sections and the footer's pages. A cold story page used to spend three
// of its statements on them; they change only with the site (settings, sections,
// pages) or with a section's first or last published story.
type siteParts struct {
	site   settings.Site
	tree   *section.Tree
	footer []settings.Page
	loc    *time.Location  // the site's zone: loading it reads the zone file
	l      theme.Labels    // the labels in the site's language
	cal    render.Calendar // dates in the same language
}

// partsCache keeps the site's parts between changes. A change drops them and bumps
// the generation, so parts read before a change are never kept after it.
type partsCache struct {
	mu    sync.Mutex
	gen   uint64
	parts *siteParts
}

func (c *partsCache) get() (*siteParts, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.parts, c.gen
}

func (c *partsCache) put(p *siteParts, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		c.parts = p
	}
}

// invalidate drops the parts when what changed can reach them.
func (c *partsCache) invalidate(tags []string) {
	if !slices.Contains(tags, change.TagSite) && !slices.Contains(tags, change.TagStories) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.parts = nil
}

// siteParts returns the site's parts, from memory while this node hears every
// change (so the copy is known to be current), else from the database.
func (s *Server) siteParts(ctx context.Context) (*siteParts, error) {
	fresh, _ := s.cacheState()
	p, gen := s.parts.get()
	if p != nil && fresh {
		return p, nil
	}
	site, err := s.store.Site(ctx)
	if err != nil {
		return nil, err
	}
	secs, err := s.store.PublishedSections(ctx)
	if err != nil {
		return nil, err
	}
	footer, err := s.store.FooterPages(ctx)
	if err != nil {
		return nil, err
	}
	p = &siteParts{site: site, tree: section.NewTree(secs), footer: footer, loc: site.Location(), l: s.theme.Labels(site.Language)}
	p.cal = calendar(p.l)
	if fresh {
		s.parts.put(p, gen)
	}
	return p, nil
}
