package public

import (
	"context"
	"errors"
	"slices"
	"sync"

	"dateline/internal/change"
	"dateline/internal/people"
	"dateline/internal/section"
)

// maxNames bounds each name cache: past it the cache starts again, so a site with
// very many people or topics keeps the ones pages ask for most, not all of them.
const maxNames = 5000

// byID keeps rows a page shows by name (its authors, topics, bureau) between
// changes to them: each is one statement less for a cold story page. A change to
// the site (people, topics and bureaus are the site's) drops them and bumps the
// generation, so rows read before a change are never kept after it.
type byID[T any] struct {
	mu  sync.Mutex
	gen uint64
	m   map[int64]T
}

// get returns the rows of ids, in their order and without those that do not exist,
// from memory where it can, loading the others with load. fresh says whether the
// memory can be trusted (this node hears every change).
func (c *byID[T]) get(ids []int64, fresh bool, load func([]int64) ([]T, error), idOf func(T) int64) ([]T, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if !fresh {
		return load(ids)
	}
	c.mu.Lock()
	gen, out, missing := c.gen, make([]T, 0, len(ids)), []int64(nil)
	for _, id := range ids {
		if v, ok := c.m[id]; ok {
			out = append(out, v)
		} else {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	loaded, err := load(missing)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if gen == c.gen {
		if c.m == nil || len(c.m)+len(loaded) > maxNames {
			c.m = make(map[int64]T, len(loaded))
		}
		for _, v := range loaded {
			c.m[idOf(v)] = v
		}
	}
	c.mu.Unlock()
	if len(missing) == len(ids) {
		return loaded, nil
	}
	found := make(map[int64]T, len(ids))
	for _, v := range append(out, loaded...) {
		found[idOf(v)] = v
	}
	out = out[:0]
	for _, id := range ids {
		if v, ok := found[id]; ok {
			out = append(out, v)
		}
	}
	return out, nil
}

func (c *byID[T]) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.m = nil
}

// names are the name caches of the public site.
type names struct {
	people  byID[people.Person]
	topics  byID[section.Topic]
	bureaus byID[people.Bureau]
}

func (n *names) invalidate(tags []string) {
	if !slices.Contains(tags, change.TagSite) {
		return
	}
	n.people.invalidate()
	n.topics.invalidate()
	n.bureaus.invalidate()
}

// peopleByID returns the people of ids (a story's authors), in that order.
func (s *Server) peopleByID(ctx context.Context, ids []int64) ([]people.Person, error) {
	fresh, _ := s.cacheState()
	return s.names.people.get(ids, fresh, func(ids []int64) ([]people.Person, error) { return s.store.PeopleByID(ctx, ids) },
		func(p people.Person) int64 { return p.ID })
}

// topicsByID returns the topics of ids, in that order.
func (s *Server) topicsByID(ctx context.Context, ids []int64) ([]section.Topic, error) {
	fresh, _ := s.cacheState()
	return s.names.topics.get(ids, fresh, func(ids []int64) ([]section.Topic, error) { return s.store.TopicsByID(ctx, ids) },
		func(t section.Topic) int64 { return t.ID })
}

// storyBureau returns the bureau a published story was filed from: the story
// showing it makes it public, so unlike a person's page it needs no check that
// some published story names it.
func (s *Server) storyBureau(ctx context.Context, id int64) (people.Bureau, error) {
	fresh, _ := s.cacheState()
	list, err := s.names.bureaus.get([]int64{id}, fresh, func(ids []int64) ([]people.Bureau, error) {
		b, err := s.store.BureauByID(ctx, ids[0])
		if errors.Is(err, people.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return []people.Bureau{b}, nil
	}, func(b people.Bureau) int64 { return b.ID })
	if err != nil || len(list) == 0 {
		return people.Bureau{}, err
	}
	return list[0], nil
}
