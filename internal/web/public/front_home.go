package public

import (
	"net/http"
	"slices"
	"strconv"

	"dateline/internal/story"
)

// homeFront shows the editors' ranked stories, each section's latest in a block,
// then the latest stories, paged.
func (s *Server) homeFront(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	c.Canonical = c.canonical("/")
	c.Description = c.Site.Tagline
	page := listPage{chrome: c, Heading: c.Site.Name, HideHeading: true, ListHeading: c.l.T("latest_news")}
	latest, pg, err := s.storyList(r, c, story.Query{}, "/")
	if err != nil {
		return err
	}
	page.Pager = pg
	page.Stories = latest
	if pg.Page == 1 {
		if err := s.rankFront(r, c, 0, &page); err != nil {
			return err
		}
		if err := s.sectionBlocks(r, c, &page); err != nil {
			return err
		}
	}
	return s.html(w, "front", page)
}

// rankFront lays out the first page of a front: the editors' picks in their slots
// (the lead, the secondary stories, then the list), the lead and secondary places
// filled from the latest stories when the editors chose fewer, and every ranked
// story taken out of the latest list below.
func (s *Server) rankFront(r *http.Request, c chrome, sectionID int64, page *listPage) error {
	picks, err := s.store.FrontStories(r.Context(), sectionID)
	if err != nil {
		return err
	}
	picks = picks[:min(len(picks), story.FrontSlots)]
	ranked := c.cards(picks)
	if err := s.cardPhotos(r, ranked, picks); err != nil {
		return err
	}
	if err := s.countComments(r, ranked, picks); err != nil {
		return err
	}
	latest := slices.DeleteFunc(page.Stories, func(l card) bool {
		return slices.ContainsFunc(ranked, func(t card) bool { return t.URL == l.URL })
	})
	for len(ranked) < story.FrontLeads+story.FrontSecondaries && len(latest) > 0 {
		ranked, latest = append(ranked, latest[0]), latest[1:]
	}
	page.Stories = latest
	if len(ranked) == 0 {
		return nil
	}
	page.Lead = &ranked[0]
	page.Secondary = ranked[1:min(len(ranked), story.FrontLeads+story.FrontSecondaries)]
	if len(ranked) > story.FrontLeads+story.FrontSecondaries {
		page.Listed = ranked[story.FrontLeads+story.FrontSecondaries:]
	}
	return nil
}

// sectionBlocks gives each top-level section with stories a block of its latest
// ones on the home front, leaving out those the front already ranks.
func (s *Server) sectionBlocks(r *http.Request, c chrome, page *listPage) error {
	shown := page.Ranked()
	for _, sec := range c.tree.TopLevel() {
		list, _, err := s.store.Stories(r.Context(), story.Query{SectionID: sec.ID, Limit: sectionBlockSize + len(shown)})
		if err != nil {
			return err
		}
		list = slices.DeleteFunc(list, func(st story.Story) bool { return slices.Contains(shown, c.storyPath(st)) })
		list = list[:min(len(list), sectionBlockSize)]
		if len(list) == 0 {
			continue
		}
		cards := c.cards(list)
		if err := s.cardPhotos(r, cards[:1], list[:1]); err != nil { // the block's first story has the picture
			return err
		}
		page.Sections = append(page.Sections, sectionBlock{ID: "section-" + strconv.FormatInt(sec.ID, 10), Name: sec.Name,
			URL: "/" + sec.Path + "/", Stories: cards})
	}
	return nil
}

// sectionBlockSize is how many stories a section's block on the home front shows.
const sectionBlockSize = 4
