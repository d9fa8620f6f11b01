package newsroom

import (
	"net/http"
	"slices"
	"strconv"

	"dateline/internal/story"
	"dateline/internal/web"
)

type frontsPage struct {
	page
	Tabs    []frontTab
	Front   frontView
	Choices []story.Story // to add with one tick: what "Find" found, else the latest not on the front
	Query   string
	Problem string // why the last save was refused (role="alert")
	Focus   string // the button to focus after a move, so keyboard users stay in place
}

type frontTab struct {
	Key, Name string
	Current   bool
}

type frontView struct {
	Key       string // "home" or the section id
	Name      string
	Version   int64
	Slots     []frontSlot
	Capacity  int
	SlotsLeft int
}

type frontSlot struct {
	Story       story.Story
	Slot        story.Slot
	Label       string // "Lead", "Secondary 2", "List 5"
	First, Last bool
	GroupStart  bool // the first of its size
}

// frontList shows one front (the home page unless ?front= names a section) as its
// slots, with buttons to move and remove each story and a picker to add more; tabs
// lead to the other fronts.
func (s *Server) frontList(w http.ResponseWriter, r *http.Request) error {
	key := r.URL.Query().Get("front")
	if key == "" {
		key = "home"
	}
	p, err := s.frontsPage(r, key)
	if err != nil {
		return err
	}
	p.Focus = r.URL.Query().Get("focus")
	return s.render(w, http.StatusOK, "fronts", p)
}

// frontsPage reads a front as it is now, with the tabs for every front.
func (s *Server) frontsPage(r *http.Request, key string) (frontsPage, error) {
	ctx := r.Context()
	secs, err := s.store.Sections(ctx)
	if err != nil {
		return frontsPage{}, err
	}
	p := frontsPage{page: s.base(r, "Fronts")}
	p.Tabs = append(p.Tabs, frontTab{Key: "home", Name: "Home page"})
	for _, sec := range secs {
		p.Tabs = append(p.Tabs, frontTab{Key: strconv.FormatInt(sec.ID, 10), Name: sec.Name})
	}
	var sectionID int64
	for i := range p.Tabs {
		if p.Tabs[i].Key == key {
			p.Tabs[i].Current = true
			p.Front = frontView{Key: key, Name: p.Tabs[i].Name, Capacity: story.FrontSlots}
			sectionID, _ = strconv.ParseInt(key, 10, 64)
		}
	}
	if p.Front.Key == "" {
		return frontsPage{}, web.ErrNotFound
	}
	if p.Front.Version, err = s.store.FrontVersion(ctx, sectionID); err != nil {
		return frontsPage{}, err
	}
	ids, err := s.store.FrontIDs(ctx, sectionID)
	if err != nil {
		return frontsPage{}, err
	}
	stories, err := s.store.StoriesByID(ctx, ids) // published ones: the others have left the front
	if err != nil {
		return frontsPage{}, err
	}
	counts := map[story.Slot]int{}
	for i, st := range stories {
		slot := story.SlotAt(i)
		counts[slot]++
		p.Front.Slots = append(p.Front.Slots, frontSlot{Story: st, Slot: slot, Label: slotLabel(slot, counts[slot]),
			First: i == 0, Last: i == len(stories)-1, GroupStart: counts[slot] == 1})
	}
	p.Front.SlotsLeft = story.FrontSlots - len(stories)
	latest, _, err := s.store.Stories(ctx, story.Query{Limit: 8 + len(ids), SectionID: sectionID})
	if err != nil {
		return frontsPage{}, err
	}
	for _, st := range latest {
		if len(p.Choices) < 8 && !slices.Contains(ids, st.ID) {
			p.Choices = append(p.Choices, st)
		}
	}
	return p, nil
}

func slotLabel(slot story.Slot, n int) string {
	switch slot {
	case story.SlotLead:
		return "Lead"
	case story.SlotSecondary:
		return "Secondary " + strconv.Itoa(n)
	}
	return "List " + strconv.Itoa(n)
}
