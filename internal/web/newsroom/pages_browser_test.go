package newsroom_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/sitetest"
	"dateline/internal/story"
	"dateline/internal/wire"
)

// newsroomPage is one page of the newsroom and what a role needs to open it.
type newsroomPage struct {
	name, path string
	need       people.Action
}

// everyNewsroomPage lists one of each page of the newsroom, with real ids: one page
// per template and state (the story list filtered is the start page's template; a
// new site page is the page editor; every confirmation is confirm.html).
func everyNewsroomPage(t *testing.T, s *sitetest.Site) []newsroomPage {
	t.Helper()
	ctx := context.Background()
	s.IngestFile("../../ingest/testdata/storm-v1.json")
	entries, err := s.Store.WireEntries(ctx, wire.Filter{})
	if err != nil || len(entries) == 0 {
		t.Fatalf("no wire entry: %v", err)
	}
	draft := s.Demo.Stories["draft"]
	if err := s.Store.TrashStory(ctx, draft.ID, s.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	pages, err := s.Store.SitePages(ctx)
	if err != nil || len(pages) == 0 {
		t.Fatalf("no site page: %v", err)
	}
	addLongWords(t, s)
	ferries := s.Demo.Stories["ferries"]
	story, photo := "/newsroom/stories/"+sitetest.Itoa(ferries.ID), "/newsroom/media/"+sitetest.Itoa(ferries.LeadMediaID)
	return []newsroomPage{
		{"sign-in", "/newsroom/login", ""},
		{"start", "/newsroom/", people.ActWriteOwn},
		{"new story", "/newsroom/stories/new", people.ActWriteOwn},
		{"editor", story, people.ActWriteOwn},
		{"scheduled story", "/newsroom/stories/" + sitetest.Itoa(s.Demo.Stories["embargoed"].ID), people.ActWriteOwn},
		{"revisions", story + "/revisions", people.ActWriteOwn},
		{"revision", story + "/revisions/1", people.ActWriteOwn},
		{"trash a story", "/newsroom/stories/" + sitetest.Itoa(s.Demo.Stories["customs"].ID) + "/trash", people.ActWriteOwn},
		{"trash", "/newsroom/trash", people.ActWriteOwn},
		{"delete for good", "/newsroom/trash/" + sitetest.Itoa(draft.ID) + "/delete", people.ActDelete},
		{"photos", "/newsroom/media", people.ActWriteOwn},
		{"photo", photo, people.ActWriteOwn},
		{"wire", "/newsroom/wire", people.ActWriteOwn},
		{"wire item", fmt.Sprintf("/newsroom/wire/%d", entries[0].ID), people.ActWriteOwn},
		{"letters", "/newsroom/letters?state=all", people.ActModerate},
		{"fronts", "/newsroom/fronts", people.ActCurateFronts},
		{"people", "/newsroom/people", people.ActManagePeople},
		{"settings", "/newsroom/settings", people.ActManageSettings},
		{"pages", "/newsroom/pages", people.ActManageSettings},
		{"page", "/newsroom/pages/" + sitetest.Itoa(pages[0].ID), people.ActManageSettings},
		{"tokens", "/newsroom/tokens", people.ActManageTokens},
		{"audit", "/newsroom/audit", people.ActViewAudit},
	}
}

var roles = []people.Role{people.RoleWriter, people.RoleEditor, people.RoleAdmin}

// TestNewsroomPagesValidate: every newsroom page, as each role sees it, passes the
// Nu HTML Checker with no error.
func TestNewsroomPagesValidate(t *testing.T) {
	t.Parallel() // a browser test mostly waits: two run at once
	browsertest.Tool(t, "DATELINE_VNU_JAR", "")
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		html := map[string]string{}
		pages := everyNewsroomPage(t, s)
		for _, role := range roles {
			b := s.Session(role)
			for _, p := range pages {
				if p.need == "" || role.Can(p.need) {
					status, _, body := b.Get(p.path)
					if status != 200 {
						t.Fatalf("%s as %s: %d", p.name, role, status)
					}
					html[string(role)+" "+p.name] = body
				}
			}
		}
		for _, problem := range browsertest.NuErrors(t, html) {
			t.Error(problem)
		}
	})
}

// TestNewsroomPagesFitAndAreAccessible: every newsroom page, as each role sees it,
// fits a 390 px phone (and, as an admin, a 1280 px screen) without sideways
// scrolling and has no axe (WCAG 2.2 AA) violation. With DATELINE_SCREENSHOTS set,
// it saves each page as the editor sees it.
func TestNewsroomPagesFitAndAreAccessible(t *testing.T) {
	t.Parallel() // a browser test mostly waits: two run at once
	browsertest.Tool(t, "DATELINE_AXE_JS", "")
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		pages := everyNewsroomPage(t, s)
		for _, role := range roles {
			ctx := browsertest.Chromium(t, 4*time.Minute)
			signInBrowser(t, ctx, s, role)
			for _, p := range pages {
				if p.need != "" && !role.Can(p.need) {
					continue
				}
				widths := []int64{390}
				if role == people.RoleAdmin { // the widest set of pages; wide screens rarely break what phones do not
					widths = append(widths, 1280)
				}
				for _, width := range widths {
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 844), chromedp.Navigate(s.HTTP.URL+p.path)); err != nil {
						t.Fatalf("%s: %v", p.name, err)
					}
					wide, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
						const over = document.documentElement.scrollWidth - window.innerWidth;
						if (over <= 0) return "";
						const culprits = Array.from(document.querySelectorAll("main *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
							.slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
								(e.className ? "." + String(e.className).split(" ")[0] : ""));
						return over + " px too wide (" + culprits.join(", ") + ")";
					})()`))
					if err != nil {
						t.Fatal(err)
					}
					if wide != "" {
						t.Errorf("%s as %s at %d px: %s", p.name, role, width, wide)
					}
					if width == 390 { // axe's findings rarely depend on the width, and each run costs most of a second
						for _, v := range browsertest.AxeViolations(t, ctx) {
							t.Errorf("%s as %s at %d px: %s", p.name, role, width, v)
						}
					}
					if role != people.RoleWriter {
						screenshot(t, ctx, fmt.Sprintf("newsroom-%s-%d", url.PathEscape(p.name), width))
					}
				}
			}
		}
	})
}

// signInBrowser gives the browser a session of the role's test person.
func signInBrowser(t *testing.T, ctx context.Context, s *sitetest.Site, role people.Role) {
	t.Helper()
	b := s.Session(role)
	u, _ := url.Parse(s.HTTP.URL)
	i := slices.IndexFunc(b.Client.Jar.Cookies(u), func(c *http.Cookie) bool { return c.Name == "dateline_session" })
	if i < 0 {
		t.Fatal("the session has no cookie")
	}
	cookie := b.Client.Jar.Cookies(u)[i]
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil { // starts the browser
		t.Fatal(err)
	}
	params := network.SetCookieParams{Name: cookie.Name, Value: cookie.Value, URL: s.HTTP.URL + "/"}
	if _, err := chromedp.Call(ctx, network.SetCookie, params); err != nil {
		t.Fatal(err)
	}
}

// addLongWords puts the longest words the newsroom accepts where lists show them:
// a published story on the home front whose headline has a 120-letter word, by a
// person with a long unbroken name, and a reader's message signed with one.
func addLongWords(t *testing.T, s *sitetest.Site) {
	t.Helper()
	ctx := context.Background()
	word := strings.Repeat("Donaudampfschifffahrts", 6)[:120]
	person := people.Person{Slug: "long-name", Name: "Maximiliane " + word[:60], Email: "long@test.example", Role: people.RoleWriter}
	if err := s.Store.CreatePerson(ctx, &person); err != nil {
		t.Fatal(err)
	}
	st := story.Story{Headline: "A headline with " + word + " in it, " + strings.Repeat("and more words ", 10),
		SectionID: s.Demo.Sections["world"].ID,
		State:     story.StatePublished, PublishedAt: s.Clock.Now(), AuthorIDs: []int64{person.ID}, CommentsOpen: true,
		BodyMarkdown: "A body."}
	if err := s.Store.CreateStory(ctx, &st); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.SetFront(ctx, 0, []int64{st.ID, s.Demo.Stories["ferries"].ID}, story.AnyFrontVersion); err != nil {
		t.Fatal(err)
	}
	m := letters.Message{StoryID: st.ID, Kind: letters.KindComment, Name: word[:80], Place: word[:40], Text: word + " " + word,
		State: letters.StatePending, IPHash: "long", CreatedAt: s.Clock.Now()}
	if err := s.Store.CreateMessage(ctx, &m); err != nil {
		t.Fatal(err)
	}
}

// screenshot saves the window's first screen as name.png in DATELINE_SCREENSHOTS,
// when it names a directory: for people to look at, and for docs/newsroom.md.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("DATELINE_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}
