package newsroom_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestFrontsTakeOnlyPublishedStoriesEverywhere: the newsroom and the Admin API order
// fronts through one desk rule, so neither puts an unpublished story on a front (the
// API used to accept any story), and both keep each story once, in order.
func TestFrontsTakeOnlyPublishedStoriesEverywhere(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		draft, ferries, corals := s.Demo.Stories["draft"], s.Demo.Stories["ferries"], s.Demo.Stories["corals"]
		token := s.Token(people.RoleEditor)
		if status, body := s.API(token, "PUT", "/api/admin/v1/fronts/home", `{"story_ids":[`+sitetest.Itoa(ferries.ID)+`,`+sitetest.Itoa(draft.ID)+`]}`); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "not published") {
			t.Fatalf("API front with a draft: %d %s", status, body)
		}
		status, body := s.API(
			token,
			"PUT",
			"/api/admin/v1/fronts/home",
			`{"story_ids":[`+sitetest.Itoa(corals.ID)+`,`+sitetest.Itoa(ferries.ID)+`,`+sitetest.Itoa(corals.ID)+`]}`,
		)
		if status != http.StatusOK || !strings.Contains(body, `[`+sitetest.Itoa(corals.ID)+`,`+sitetest.Itoa(ferries.ID)+`]`) {
			t.Fatalf("API front: %d %s", status, body)
		}
		editor := s.Session(people.RoleEditor)
		form := frontForm(t, editor, "home")
		form.Set("add_id", sitetest.Itoa(draft.ID))
		if status, _, page := editor.Post("/newsroom/fronts/home", form); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "not published") {
			t.Fatalf("newsroom front with a draft: %d", status)
		}
		if status, _ := s.API(s.Token(people.RoleWriter), "PUT", "/api/admin/v1/fronts/home", `{"story_ids":[`+sitetest.Itoa(ferries.ID)+`]}`); status != http.StatusForbidden {
			t.Fatalf("a writer ordering a front: %d", status)
		}
	})
}

// frontForm is the home front's form as the newsroom page shows it: its version and
// its stories in order.
func frontForm(t *testing.T, b *sitetest.Browser, key string) url.Values {
	t.Helper()
	status, _, page := b.Get("/newsroom/fronts?front=" + key)
	if status != http.StatusOK {
		t.Fatalf("fronts page: %d", status)
	}
	form := url.Values{}
	m := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the front's form carries no version")
	}
	form.Set("version", m[1])
	for _, id := range regexp.MustCompile(`name="id" value="(\d+)"`).FindAllStringSubmatch(page, -1) {
		if !slices.Contains(form["id"], id[1]) { // both the order's form and the adding form carry the order
			form.Add("id", id[1])
		}
	}
	return form
}

func frontOrder(t *testing.T, s *sitetest.Site, section int64) []int64 {
	t.Helper()
	ids, err := s.Store.FrontIDs(context.Background(), section)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestFrontsByButtonsAndPicker orders a front the way the page does without
// JavaScript: up, down and remove buttons, stories added from the picker's search
// or the latest list, each slot labelled with its size; a save from a page another
// editor has changed since is a conflict, and a front of too many stories is
// refused, saying how many it holds.
func TestFrontsByButtonsAndPicker(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		st := s.Demo.Stories
		ferries, containers, corals, lunar := st["ferries"], st["containers"], st["corals"], st["lunar"]
		editor := s.Session(people.RoleEditor)
		_, _, page := editor.Get("/newsroom/fronts")
		for _, want := range []string{"Home page", "Lead", "Secondary", ferries.Headline, `aria-current="page"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the fronts page does not show %q", want)
			}
		}
		if strings.Contains(page, `name="ids"`) {
			t.Error("the fronts page still asks for story numbers typed into a box")
		}

		// Down on the lead: containers leads, ferries second.
		form := frontForm(t, editor, "home")
		form.Set("move", "down:"+sitetest.Itoa(ferries.ID))
		if status, h, _ := editor.Post("/newsroom/fronts/home", form); status != http.StatusSeeOther ||
			!strings.Contains(h.Get("Location"), "focus=down-home-"+sitetest.Itoa(ferries.ID)) {
			t.Fatalf("moving down: %d %s (the next page focuses the same story's button)", status, h.Get("Location"))
		}
		if got := frontOrder(t, s, 0); !slices.Equal(got, []int64{containers.ID, ferries.ID, corals.ID}) {
			t.Fatalf("after down: %v", got)
		}
		// Add from the picker as the lead, then remove the last.
		form = frontForm(t, editor, "home")
		form.Set("add_id", sitetest.Itoa(lunar.ID))
		form.Set("where", "lead")
		form.Set("save", "1")
		editor.Post("/newsroom/fronts/home", form)
		form = frontForm(t, editor, "home")
		form.Set("move", "remove:"+sitetest.Itoa(corals.ID))
		editor.Post("/newsroom/fronts/home", form)
		if got := frontOrder(t, s, 0); !slices.Equal(got, []int64{lunar.ID, containers.ID, ferries.ID}) {
			t.Fatalf("after adding and removing: %v", got)
		}

		// The no-JavaScript "Find" lists published stories matching the words, and saves nothing.
		form = frontForm(t, editor, "home")
		form.Set("add_q", "coral")
		form.Set("find", "1")
		status, _, page := editor.Post("/newsroom/fronts/home", form)
		if status != http.StatusOK || !strings.Contains(page, `name="add_id" value="`+sitetest.Itoa(corals.ID)+`"`) {
			t.Fatalf("finding a story for the front: %d", status)
		}
		if got := frontOrder(t, s, 0); len(got) != 3 {
			t.Fatalf("finding changed the front: %v", got)
		}

		// Two editors load the page; the first saves; the second's save is a conflict.
		first, second := frontForm(t, editor, "home"), frontForm(t, s.Session(people.RoleEditor), "home")
		first.Set("move", "up:"+sitetest.Itoa(ferries.ID))
		editor.Post("/newsroom/fronts/home", first)
		second.Set("move", "remove:"+sitetest.Itoa(lunar.ID))
		status, _, page = editor.Post("/newsroom/fronts/home", second)
		if status != http.StatusConflict || !strings.Contains(page, "Another editor changed this front") {
			t.Fatalf("a save from a replaced version: %d", status)
		}
		if got := frontOrder(t, s, 0); !slices.Equal(got, []int64{lunar.ID, ferries.ID, containers.ID}) {
			t.Fatalf("the conflicting save changed the front: %v", got)
		}

		// A hundred stories: refused, saying what a front holds; nothing changes.
		form = frontForm(t, editor, "home")
		form.Del("id")
		for i := range 100 {
			form.Add("id", sitetest.Itoa(int64(1000+i)))
		}
		status, _, page = editor.Post("/newsroom/fronts/home", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "a front holds at most 17 stories") ||
			!strings.Contains(page, `role="alert"`) {
			t.Fatalf("a front of 100 stories: %d", status)
		}
		status, body := s.API(s.Token(people.RoleEditor), "PUT", "/api/admin/v1/fronts/home",
			`{"story_ids":[`+sitetest.Itoa(ferries.ID)+`],"version":0}`)
		if status != http.StatusConflict {
			t.Fatalf("the API saving from version 0: %d %s", status, body)
		}
		if got := frontOrder(t, s, 0); len(got) != 3 {
			t.Fatalf("refused saves changed the front: %v", got)
		}
	})
}

// TestUnpublishedStoryLeavesEveryFront: unpublishing a story takes it off the home
// front and its section's at once; republished, it does not come back unasked.
func TestUnpublishedStoryLeavesEveryFront(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ferries, corals := s.Demo.Stories["ferries"], s.Demo.Stories["corals"]
		token := s.Token(people.RoleEditor)
		asia := sitetest.Itoa(ferries.SectionID)
		if status, body := s.API(token, "PUT", "/api/admin/v1/fronts/"+asia, `{"story_ids":[`+sitetest.Itoa(ferries.ID)+`]}`); status != http.StatusOK {
			t.Fatalf("ordering the section front: %d %s", status, body)
		}
		editor := s.Session(people.RoleEditor)
		unpublish := url.Values{"to": {"unpublished"}, "confirm": {"1"}}
		status, _, _ := editor.Post("/newsroom/stories/"+sitetest.Itoa(ferries.ID)+"/transition", unpublish)
		if status != http.StatusSeeOther {
			t.Fatalf("unpublishing: %d", status)
		}
		if home, section := frontOrder(t, s, 0), frontOrder(t, s, ferries.SectionID); slices.Contains(home, ferries.ID) || len(section) != 0 ||
			!slices.Contains(home, corals.ID) {
			t.Fatalf("after unpublishing: home %v, section %v", home, section)
		}
		_, _, page := s.Anonymous().Get("/")
		if strings.Contains(page, ferries.Headline) {
			t.Error("the unpublished story is still on the home page")
		}
	})
}
