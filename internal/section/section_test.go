package section

import (
	"errors"
	"testing"
)

func TestSectionValidate(t *testing.T) {
	for _, slug := range []string{"world", "asia-pacific", "f1"} {
		if err := (Section{Slug: slug, Name: "X"}).Validate(); err != nil {
			t.Errorf("%q: %v", slug, err)
		}
	}
	for _, slug := range []string{"topics", "people", "search", "api", "newsroom", "media", "static", "feed.xml",
		"sitemap.xml", "robots.txt", "1997", "World", "a_b", "-a", ""} {
		if err := (Section{Slug: slug, Name: "X"}).Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: err = %v, want ErrInvalid", slug, err)
		}
	}
}

func TestTree(t *testing.T) {
	tree := NewTree(
		[]Section{
			{ID: 1, Slug: "world", Path: "world"},
			{ID: 2, Slug: "asia", Path: "world/asia", ParentID: 1},
			{ID: 3, Slug: "sport", Path: "sport"},
		},
	)
	if top := tree.TopLevel(); len(top) != 2 || top[1].Slug != "sport" {
		t.Errorf("top level = %+v", top)
	}
	asia, _ := tree.ByPath("world/asia")
	if p, ok := tree.Parent(asia); !ok || p.Slug != "world" {
		t.Errorf("parent of asia = %+v", p)
	}
	if _, ok := tree.ByPath("asia"); ok {
		t.Error("a subsection found by its slug alone")
	}
}
