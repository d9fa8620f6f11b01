package section

// Tree indexes a list of sections for navigation and path lookups.
type Tree struct {
	all    []Section
	byID   map[int64]int
	byPath map[string]int
}

// NewTree indexes sections as returned by Store.Sections.
func NewTree(all []Section) *Tree {
	t := &Tree{all: all, byID: make(map[int64]int, len(all)), byPath: make(map[string]int, len(all))}
	for i, s := range all {
		t.byID[s.ID] = i
		t.byPath[s.Path] = i
	}
	return t
}

// All returns every section in the tree, in the order it was given.
func (t *Tree) All() []Section { return t.all }

// ByID returns the section with that ID.
func (t *Tree) ByID(id int64) (Section, bool) {
	i, ok := t.byID[id]
	if !ok {
		return Section{}, false
	}
	return t.all[i], true
}

// ByPath returns the section at a URL path such as "world/asia".
func (t *Tree) ByPath(path string) (Section, bool) {
	i, ok := t.byPath[path]
	if !ok {
		return Section{}, false
	}
	return t.all[i], true
}

// TopLevel returns the top-level sections in navigation order.
func (t *Tree) TopLevel() []Section { return t.Children(0) }

// Children returns the direct subsections of parent in order.
func (t *Tree) Children(parent int64) []Section {
	var out []Section
	for _, s := range t.all {
		if s.ParentID == parent {
			out = append(out, s)
		}
	}
	return out
}

// Parent returns the parent of s, if it has one.
func (t *Tree) Parent(s Section) (Section, bool) {
	if s.ParentID == 0 {
		return Section{}, false
	}
	return t.ByID(s.ParentID)
}
