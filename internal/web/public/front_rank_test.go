package public_test

import (
	"context"
	"strings"
	"testing"

	"dateline/internal/story"
)

// TestFrontsRank: the home front leads with the editors' first story, large, with
// its 16:9 picture and standfirst; the next four are secondary, each with a smaller
// picture; more picks follow as a list of headlines; each section's latest stories
// have a block of their own. Section fronts rank the same way, filled from their
// latest stories when the editors chose none; topic, author and date pages show
// pictures for stories that have them.
func TestFrontsRank(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		st := s.demo.Stories
		order := []string{"corals", "ferries", "containers", "lunar", "buskers", "joinery", "tea"}
		var ids []int64
		for _, key := range order {
			ids = append(ids, st[key].ID)
		}
		if err := s.store.SetFront(context.Background(), 0, ids, story.AnyFrontVersion); err != nil {
			t.Fatal(err)
		}
		home := s.page("/")
		lead := one(t, home, "lead story", byClass("front-lead"))
		if !strings.Contains(text(lead), st["corals"].Headline) || !strings.Contains(text(lead), st["corals"].Dek) {
			t.Errorf("the lead = %q, want the editors' first story with its standfirst", text(lead))
		}
		img := one(t, lead, "lead picture", byTag("img"))
		if !strings.Contains(attr(img, "src"), "16x9") || attr(img, "srcset") == "" {
			t.Errorf("the lead's picture %q is not the 16:9 rendition with its sizes", attr(img, "src"))
		}
		secondary := find(one(t, home, "secondary stories", byClass("front-secondary")), byClass("card"))
		if len(secondary) != 4 {
			t.Fatalf("%d secondary stories, want 4", len(secondary))
		}
		for i, key := range order[1:5] {
			if !strings.Contains(text(secondary[i]), st[key].Headline) || len(find(secondary[i], byTag("img"))) != 1 {
				t.Errorf("secondary %d = %q, want %s with a picture", i+1, text(secondary[i]), key)
			}
		}
		listed := find(one(t, home, "listed stories", byClass("front-list")), byTag("li"))
		if len(listed) != 2 || !strings.Contains(text(listed[0]), st["joinery"].Headline) || len(find(listed[0], byTag("img"))) != 0 {
			t.Errorf("listed = %d stories, want joinery and tea as headlines", len(listed))
		}
		blocks := find(home, byClass("section-block"))
		if len(blocks) < 3 {
			t.Fatalf("%d section blocks on the home front, want one per section with stories", len(blocks))
		}
		world := text(blocks[0])
		if !strings.HasPrefix(strings.TrimSpace(world), "World") || !strings.Contains(world, st["customs"].Headline) {
			t.Errorf("the World block = %q", world)
		}

		// A section front without picks ranks its latest stories.
		science := s.page("/science/")
		if lead := one(t, science, "section lead", byClass("front-lead")); len(find(lead, byTag("img"))) != 1 {
			t.Error("the section front's lead has no picture")
		}
		// Lists elsewhere show pictures for stories that have them.
		for _, path := range []string{"/topics/oceans/", "/people/harriet-okafor/", "/1997/01/"} {
			if imgs := find(s.page(path), func(n *htmlNode) bool { return byTag("img")(n) && hasAncestorClass(n, "card") }); len(imgs) == 0 {
				t.Errorf("%s shows no pictures on its story cards", path)
			}
		}
	})
}

func hasAncestorClass(n *htmlNode, class string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if byClass(class)(p) {
			return true
		}
	}
	return false
}
