package newsroom_test

import (
	"context"
	"image"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/demo"
	"dateline/internal/people"
	"dateline/internal/sitetest"
	"dateline/internal/story"
)

// TestWritingDeskInBrowser: a writer uploads two photos, sets a focal point,
// writes a story with both photos in its text and a video link, picks a co-author
// by typing (the combobox), saves with Ctrl+S and submits it; an editor publishes
// it from the action bar. The public page shows the photos and the click-to-load
// video, asks nothing of another site until the reader asks, and the crops served
// have the sizes promised. The editor and the library pass axe and the Nu HTML
// Checker for each role.
func TestWritingDeskInBrowser(t *testing.T) {
	t.Parallel() // a browser test mostly waits: two run at once
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := browsertest.Chromium(t, 4*time.Minute)
		do := browsertest.Steps(t, ctx)
		waitText := func(sel, want string) { t.Helper(); browsertest.WaitText(t, ctx, sel, want) }
		html := map[string]string{}
		capture := func(name string) {
			t.Helper()
			html[name] = browsertest.PageHTML(t, ctx)
			for _, v := range browsertest.AxeViolations(t, ctx) {
				t.Errorf("%s: %s", name, v)
			}
		}
		signIn := func(email string) {
			do("sign in as "+email,
				chromedp.Navigate(s.HTTP.URL+"/newsroom/login"),
				chromedp.SendKeys("#email", email),
				chromedp.SendKeys("#password", sitetest.Password),
				chromedp.Click("button[type=submit]"))
			waitText("h1", "Stories")
		}
		dir := t.TempDir()
		var files []string
		for i := range 2 {
			png, _, _, err := demo.Picture(i+5, 1600, 900)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, "bridge-"+strconv.Itoa(i)+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, name)
		}

		signIn("writer@test.example")
		do("upload two photos",
			chromedp.Navigate(s.HTTP.URL+"/newsroom/media"),
			chromedp.SetUploadFiles("#photos", files),
			chromedp.SendKeys("#up-alt", "The new footbridge over the canal"),
			chromedp.SendKeys("#up-caption", "The footbridge, seen from the east bank."),
			chromedp.SendKeys("#up-credit", "Photo: Test Writer"),
			chromedp.Click("form.photo-upload button[type=submit]"))
		waitText(".flash", "Upload finished")
		capture("library-writer")
		photos, _ := s.Store.MediaWithUses(context.Background(), "footbridge", 10)
		if len(photos) != 2 {
			t.Fatalf("%d photos uploaded", len(photos))
		}
		first, second := strconv.FormatInt(photos[1].ID, 10), strconv.FormatInt(photos[0].ID, 10)
		do("set the first photo's focal point",
			chromedp.Navigate(s.HTTP.URL+"/newsroom/media/"+first),
			chromedp.SetValue("#focus-x", "80"), chromedp.SetValue("#focus-y", "40"),
			chromedp.Click(`form[action$="/focus"] button[type=submit]`))
		waitText(".flash", "Focal point saved")
		capture("photo-writer")

		body := "The footbridge opened at dawn.\n\n![The new footbridge](media:" + first + " \"Opening day.\")\n\n" +
			"Cyclists crossed first.\n\n![The bridge at night](media:" + second + ")\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nMore follows."
		do("write the story",
			chromedp.Navigate(s.HTTP.URL+"/newsroom/stories/new"),
			chromedp.SendKeys("#headline", "A footbridge for the canal"),
			chromedp.SendKeys("#dek", "Cyclists and walkers cross at last"),
			chromedp.SetValue("#body", body),
			chromedp.SetValue("#section", "world"),
			chromedp.SendKeys("#author_q", "Mei"))
		waitText("#picker-list-0 [role=option]", "Mei Lin Chau") // the authors' list
		// Enter on the field chooses the highlighted option (the script's handler;
		// a synthetic event, so the test never races the browser's own form submission).
		enter := func(id string) chromedp.Action[chromedp.Void] {
			return chromedp.Evaluate[chromedp.Void](`document.getElementById("` + id + `").dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true, cancelable: true}))`)
		}
		do("choose the co-author", enter("author_q"))
		do("look for the lead photo",
			chromedp.Evaluate[chromedp.Void](`document.getElementById("photo_q").closest("details").open = true`),
			chromedp.WaitVisible("#photo_q"),
			chromedp.Focus("#photo_q"),
			chromedp.SendKeys("#photo_q", "footbridge"))
		waitText("#picker-list-1 [role=option]", "The footbridge, seen from the east bank.") // the photos' list
		do("choose it and save with Ctrl+S",
			enter("photo_q"),
			// Dispatched after the step returns: the save navigates away.
			chromedp.Evaluate[chromedp.Void](`setTimeout(() => document.dispatchEvent(new KeyboardEvent("keydown", {key: "s", ctrlKey: true, bubbles: true})), 0)`))
		waitText(".flash", "Story created")
		capture("editor-writer")
		editURL, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		editURL, _, _ = strings.Cut(editURL, "?")
		id, _ := strconv.ParseInt(editURL[strings.LastIndexByte(editURL, '/')+1:], 10, 64)
		st, err := s.Store.StoryByID(context.Background(), id)
		mei := s.Demo.People["mei-lin-chau"].ID
		if err != nil || len(st.AuthorIDs) != 2 || (st.AuthorIDs[0] != mei && st.AuthorIDs[1] != mei) {
			t.Fatalf("the saved story's authors: %v %v", st.AuthorIDs, err)
		}
		if st.LeadMediaID != photos[0].ID && st.LeadMediaID != photos[1].ID {
			t.Fatalf("the saved story's lead photo: %d", st.LeadMediaID)
		}
		do("submit for review", chromedp.Click(`.action-bar button[form="move-in_review"]`))
		waitText(".story-meta .state", "In review")
		do("sign out", chromedp.Click(".nr-signout button"))
		waitText("h1", "Sign in to the newsroom")

		signIn("editor@test.example")
		do("publish from the action bar", chromedp.Navigate(editURL), chromedp.Click(`.action-bar button[form="move-published"]`))
		waitText(".story-meta .state", "Published")
		capture("editor-editor")
		do("open the library", chromedp.Navigate(s.HTTP.URL+"/newsroom/media"))
		capture("library-editor")
		do("sign out", chromedp.Click(".nr-signout button"))
		waitText("h1", "Sign in to the newsroom")
		signIn("admin@test.example")
		do("open the library", chromedp.Navigate(s.HTTP.URL+"/newsroom/media"))
		capture("library-admin")
		do("open a photo", chromedp.Navigate(s.HTTP.URL+"/newsroom/media/"+second))
		capture("photo-admin")
		do("open the story", chromedp.Navigate(editURL))
		waitText(".story-meta .state", "Published")
		capture("editor-admin")

		st, _ = s.Store.StoryByID(context.Background(), id)
		if st.State != story.StatePublished {
			t.Fatalf("the story is %s", st.State)
		}
		elsewhere := browsertest.RequestsElsewhere(t, ctx, s.HTTP.URL)
		do("read the story", chromedp.Navigate(s.HTTP.URL+s.PublicPath(st)))
		waitText("figure.embed .embed-load", "Show the YouTube content here")
		// The photos load lazily: each is brought into view, then waited for.
		var shown string
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); <-time.After(100 * time.Millisecond) {
			shown, err = chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll(".story-body figure.inline-photo img"))
				.map(i => { i.scrollIntoView(); return i.complete && i.naturalWidth > 0 ? "loaded" : "missing"; }).join(",")`))
			if err == nil && shown == "loaded,loaded" {
				break
			}
		}
		if shown != "loaded,loaded" {
			t.Fatalf("the inline photos on the public page: %q %v", shown, err)
		}
		if before := elsewhere(); len(before) > 0 {
			t.Errorf("requests to other sites before the reader asked: %v", before)
		}

		// The public page's crops (link preview and search engines) are served in
		// their promised shapes.
		_, _, page := s.Content(s.PublicPath(st))
		m := regexp.MustCompile(`"image":\[([^\]]*)\]`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no images in the story's JSON-LD")
		}
		for _, u := range regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(m[1], -1) {
			at := strings.Index(u[1], "/media/")
			if at < 0 {
				t.Errorf("a JSON-LD image outside /media/: %s", u[1])
				continue
			}
			path := u[1][at:]
			status, _, data := s.Content(path)
			cfg, _, err := image.DecodeConfig(strings.NewReader(data))
			ratio := map[bool]float64{true: 16.0 / 9, false: 0}[strings.Contains(path, "-16x9-")]
			if strings.Contains(path, "-4x3-") {
				ratio = 4.0 / 3
			} else if strings.Contains(path, "-1x1-") {
				ratio = 1
			}
			if status != http.StatusOK || err != nil || ratio == 0 || math.Abs(float64(cfg.Width)/float64(cfg.Height)-ratio) > 0.02 {
				t.Errorf("the public crop %s: %d %dx%d %v", path, status, cfg.Width, cfg.Height, err)
			}
		}

		// The crops around the focal point have their promised shapes.
		admin := s.Session(people.RoleAdmin)
		_, _, photoPage := admin.Get("/newsroom/media/" + first)
		for shape, ratio := range map[string]float64{"16x9": 16.0 / 9, "4x3": 4.0 / 3, "1x1": 1} {
			link := regexp.MustCompile(`/newsroom/media/` + first + `/[^"]*-` + shape + `-f80x40-\d+\.jpg`).FindString(photoPage)
			if link == "" {
				t.Errorf("no %s crop around the focal point on the photo's page", shape)
				continue
			}
			status, _, data := admin.Get(link)
			cfg, _, err := image.DecodeConfig(strings.NewReader(data))
			if status != http.StatusOK || err != nil || float64(cfg.Width)/float64(cfg.Height)-ratio > 0.02 ||
				ratio-float64(cfg.Width)/float64(cfg.Height) > 0.02 {
				t.Errorf("the %s crop: %d %dx%d %v", shape, status, cfg.Width, cfg.Height, err)
			}
		}
		for _, problem := range browsertest.NuErrors(t, html) {
			t.Error(problem)
		}
	})
}
