package public_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/demo"
)

// TestBadPathsGetThe404Page: unknown paths, malformed dates and slugs, bad page
// numbers all answer with the site's own 404 page, never a 500.
func TestBadPathsGetThe404Page(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		story := s.storyPath("ferries")
		for _, path := range []string{
			"/no-such-section/", "/world/no-such-sub/", "/nope.php", "/world/asia/deeper/still/",
			"/world/1997/13/29/some-story/", "/world/1997/02/30/some-story/", "/world/97/01/29/some-story/",
			"/world/abcd/01/29/some-story/", "/world/1997/1/29/some-story/", "/world/1997/01/29/Bad_Slug/",
			"/world/1997/01/29/no-such-story/", "/2026/02/30/", "/2026/00/10/", "/20261/01/01/",
			"/topics/no-such-topic/", "/topics/Bad%20Topic/", "/people/nobody/", "/media/999/x.png", "/media/abc/x.png",
			"/static/site.css", "/?page=abc", "/?page=0", "/?page=999", "/world/?page=-1", story + "?comments=x",
			"/page/0/", "/page/02/", "/page/501/", "/page/99/", "/world/page/x/", story + "comments/2/", story + "comments/0/",
			"/%00/", "/world/1997/01/29/" + strings.Repeat("a", 300) + "/",
		} {
			status, _, body := s.get(path)
			if status != http.StatusNotFound {
				t.Errorf("GET %s: status %d, want 404", path, status)
				continue
			}
			if !strings.Contains(body, "Page not found") || !strings.Contains(body, `class="banner"`) {
				t.Errorf("GET %s: not the site's 404 page", path)
			}
		}
		if status, _, _ := s.get("/"); status != http.StatusOK {
			t.Fatal("home page broken")
		}
	})
}

// TestStoryRedirects: a wrong section or date, and an old slug, answer 301 to the
// canonical URL; a missing trailing slash is added.
func TestStoryRedirects(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		canonical := s.storyPath("ferries")
		slug := s.demo.Stories["ferries"].Slug
		for _, path := range []string{
			"/business/1997/01/29/" + slug + "/", "/world/1997/01/28/" + slug + "/", "/world/asia/2001/05/05/" + slug + "/",
			strings.TrimSuffix(canonical, "/"),
		} {
			status, loc, _ := s.get(path)
			if status != http.StatusMovedPermanently || loc != canonical {
				t.Errorf("GET %s: %d → %q, want 301 → %s", path, status, loc, canonical)
			}
		}
		st := s.demo.Stories["ferries"]
		st.Slug = "night-ferries-return"
		if err := s.store.UpdateStory(context.Background(), &st); err != nil {
			t.Fatal(err)
		}
		status, loc, _ := s.get(canonical)
		if status != http.StatusMovedPermanently || loc != "/world/asia/1997/01/29/night-ferries-return/" {
			t.Errorf("old slug: %d → %q", status, loc)
		}
		if status, loc, _ := s.get("/world"); status != http.StatusMovedPermanently || loc != "/world/" {
			t.Errorf("/world: %d → %q, want 301 → /world/", status, loc)
		}
	})
}

func TestFrontsAndArchives(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		home := s.page("/")
		top := find(one(t, home, "top stories", byClass("top-stories")), byTag("h3"))
		// The editors' three picks lead, in their order; the latest fill the other secondary places.
		if len(top) != 5 || text(top[0]) != s.demo.Stories["ferries"].Headline || text(top[1]) != s.demo.Stories["containers"].Headline ||
			text(top[2]) != s.demo.Stories["corals"].Headline {
			t.Errorf("top stories = %d, first %q: want the editors' order", len(top), text(top[0]))
		}
		latest := text(one(t, home, "latest", byClass("latest")))
		if strings.Contains(latest, s.demo.Stories["ferries"].Headline) {
			t.Error("a top story is repeated under the latest news")
		}

		world := text(s.page("/world/"))
		for _, key := range []string{"customs", "typhoon"} { // own and subsection stories
			if !strings.Contains(world, s.demo.Stories[key].Headline) {
				t.Errorf("World front lacks %s", key)
			}
		}
		if strings.Contains(world, s.demo.Stories["containers"].Headline) {
			t.Error("World front shows a Business story")
		}
		asia := s.page("/world/asia/")
		if got := text(one(t, asia, "h1", byTag("h1"))); got != "Asia" {
			t.Errorf("Asia front h1 = %q", got)
		}
		if cur := find(asia, func(n *htmlNode) bool { return attr(n, "aria-current") == "page" }); len(cur) != 1 || text(cur[0]) != "World" {
			t.Error("the World tab is not marked current on its subsection's front")
		}

		day := s.page("/1997/01/29/")
		if got := text(one(t, day, "h1", byTag("h1"))); got != "January 29, 1997" {
			t.Errorf("archive h1 = %q", got)
		}
		if !strings.Contains(text(day), s.demo.Stories["ferries"].Headline) || strings.Contains(text(day), s.demo.Stories["robots"].Headline) {
			t.Error("the day archive does not hold exactly that day's stories")
		}
		topic := text(s.page("/topics/oceans/"))
		if !strings.Contains(topic, s.demo.Stories["corals"].Headline) || strings.Contains(topic, s.demo.Stories["plainer"].Headline) {
			t.Error("topic page holds the wrong stories")
		}
		person := s.page("/people/mei-lin-chau/")
		if !strings.Contains(text(person), "Bureau chief, Hong Kong bureau") || !strings.Contains(text(person), s.demo.Stories["tea"].Headline) {
			t.Errorf("author page = %q", text(person))
		}
		terms := s.page("/terms/")
		if got := text(one(t, terms, "h1", byTag("h1"))); got != "Terms of service" ||
			!strings.Contains(text(terms), "Please ask before republishing") {
			t.Error("terms page lacks its text")
		}
	})
}

func TestPagination(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		if err := demo.Archive(context.Background(), s.store, 45, demoNow, 7, nil); err != nil {
			t.Fatal(err)
		}
		// Later pages are addresses of their own (files in a static export).
		p1 := s.page("/")
		older := one(t, p1, "older link", func(n *htmlNode) bool { return attr(n, "rel") == "next" })
		if attr(older, "href") != "/page/2/" {
			t.Fatalf("older link = %q", attr(older, "href"))
		}
		p3 := s.page("/page/3/")
		if len(find(p3, func(n *htmlNode) bool { return attr(n, "rel") == "next" })) != 0 {
			t.Error("last page links to an older page")
		}
		if newer := one(t, p3, "newer link", func(n *htmlNode) bool { return attr(n, "rel") == "prev" }); attr(newer, "href") != "/page/2/" {
			t.Errorf("newer link = %q", attr(newer, "href"))
		}
		p2 := s.page("/page/2/")
		if newer := one(t, p2, "newer link", func(n *htmlNode) bool { return attr(n, "rel") == "prev" }); attr(newer, "href") != "/" {
			t.Errorf("page 2's newer link = %q", attr(newer, "href"))
		}
		if text(p2) == text(p3) || text(p1) == text(p2) {
			t.Error("the pages show the same stories")
		}
		if status, _, _ := s.get("/page/4/"); status != http.StatusNotFound {
			t.Errorf("page past the end: status %d", status)
		}
		// The old query forms, and a first page named, lead to the one address.
		for from, to := range map[string]string{"/?page=2": "/page/2/", "/?page=1": "/", "/page/1/": "/", "/world/?page=2&x=1": "/world/page/2/",
			"/world/page/1/": "/world/", "/topics/trade/?page=3": "/topics/trade/page/3/"} {
			if status, loc, _ := s.get(from); status != http.StatusMovedPermanently || loc != to {
				t.Errorf("GET %s: %d to %q, want 301 to %s", from, status, loc, to)
			}
		}
		// Date archives (and sections and topics) page the same way.
		for _, path := range []string{"/1997/", "/1997/01/"} {
			next := one(t, s.page(path), "older link", func(n *htmlNode) bool { return attr(n, "rel") == "next" })
			if attr(next, "href") != path+"page/2/" {
				t.Errorf("%s: older link = %q", path, attr(next, "href"))
			} else {
				s.page(path + "page/2/")
			}
		}
	})
}

func TestGoneStoryPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		st := s.demo.Stories["lunar"]
		path := s.storyPath("lunar")
		if err := st.Transition("unpublished", time.Time{}, demoNow); err != nil {
			t.Fatal(err)
		}
		if err := s.store.UpdateStory(context.Background(), &st); err != nil {
			t.Fatal(err)
		}
		status, _, body := s.get(path)
		if status != http.StatusGone || !strings.Contains(body, "Story withdrawn") || strings.Contains(body, st.Headline) {
			t.Errorf("withdrawn story: status %d", status)
		}
	})
}
