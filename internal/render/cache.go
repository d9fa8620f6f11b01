package render

import (
	"fmt"
	"sync"
	"sync/atomic"

	"dateline/internal/settings"
)

// BodyCache keeps rendered story bodies by story and version, so a story is rendered
// once per version however many readers ask for it. A new version replaces the old.
type BodyCache struct {
	mu      sync.Mutex
	max     int
	entries map[int64]cachedBody
	renders atomic.Int64
}

type cachedBody struct {
	version int
	lead    string
	body    Body
}

// NewBodyCache keeps at most max bodies.
func NewBodyCache(max int) *BodyCache {
	return &BodyCache{max: max, entries: make(map[int64]cachedBody)}
}

// Body returns the rendered body of a story version, rendering it on first use.
func (c *BodyCache) Body(id int64, version int, markdown, lead string, extra ...settings.EmbedHost) (Body, error) {
	key := lead + "\x00" + fmt.Sprint(extra) // the site's embed providers change how a body renders
	c.mu.Lock()
	e, ok := c.entries[id]
	c.mu.Unlock()
	if ok && e.version == version && e.lead == key {
		return e.body, nil
	}
	b, err := StoryBody(markdown, lead, extra...)
	if err != nil {
		return Body{}, err
	}
	c.renders.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		for k := range c.entries { // evict an arbitrary entry; bodies are cheap to redo
			delete(c.entries, k)
			break
		}
	}
	c.entries[id] = cachedBody{version: version, lead: key, body: b}
	return b, nil
}

// Len is how many bodies are kept now, and Max how many may be.
func (c *BodyCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Max is how many bodies the cache keeps at most.
func (c *BodyCache) Max() int { return c.max }

// Renders counts the bodies rendered so far.
func (c *BodyCache) Renders() int64 { return c.renders.Load() }
