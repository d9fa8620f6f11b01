package newsroom_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/demo"
	"dateline/internal/sitetest"
)

// TestPhotoLibraryInBrowser: a writer uploads two photos at once with the page's
// script (a progress bar each), opens one and sets its focal point by clicking
// the photo; the library's pages have no axe violations.
func TestPhotoLibraryInBrowser(t *testing.T) {
	t.Parallel() // a browser test mostly waits: two run at once
	s := sitetest.New(t)
	ctx := browsertest.Chromium(t, 3*time.Minute)
	dir := t.TempDir()
	var files []string
	for i := range 2 {
		png, _, _, err := demo.Picture(i+1, 800, 450)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "harbour-"+strconv.Itoa(i)+".png")
		if err := os.WriteFile(name, png, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	do := browsertest.Steps(t, ctx)
	do("sign in as a writer",
		chromedp.Navigate(s.HTTP.URL+"/newsroom/login"),
		chromedp.SendKeys("#email", "writer@test.example"),
		chromedp.SendKeys("#password", sitetest.Password),
		chromedp.Click("button[type=submit]"))
	browsertest.WaitText(t, ctx, "h1", "Stories")
	before, _ := s.Store.MediaWithUses(context.Background(), "", 1000)
	do("upload two photos",
		chromedp.Navigate(s.HTTP.URL+"/newsroom/media"),
		chromedp.SetUploadFiles("#photos", files),
		chromedp.SendKeys("#up-alt", "Boats in the harbour at dawn"),
		chromedp.SendKeys("#up-caption", "The harbour at dawn."),
		chromedp.SendKeys("#up-credit", "Photo: Test Writer"),
		chromedp.Click("form.photo-upload button[type=submit]"))
	browsertest.WaitText(t, ctx, ".flash", "Upload finished")
	after, _ := s.Store.MediaWithUses(context.Background(), "", 1000)
	if len(after) != len(before)+2 {
		t.Fatalf("%d photos before the upload, %d after", len(before), len(after))
	}
	if browsertest.Tool(t, "DATELINE_AXE_JS", "") != "" {
		for _, v := range browsertest.AxeViolations(t, ctx) {
			t.Errorf("the photo library: %s", v)
		}
	}
	id := strconv.FormatInt(after[0].ID, 10)
	do("click the photo's right edge",
		chromedp.Navigate(s.HTTP.URL+"/newsroom/media/"+id),
		chromedp.WaitVisible("#focus-photo"),
		chromedp.Evaluate[chromedp.Void](`(function () {
			var img = document.getElementById("focus-photo"), box = img.getBoundingClientRect();
			img.dispatchEvent(new MouseEvent("click", {clientX: box.left + box.width * 0.9, clientY: box.top + box.height * 0.25, bubbles: true}));
		})()`))
	x, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("focus-x").value + "," + document.getElementById("focus-y").value`))
	if err != nil || x != "90,25" {
		t.Fatalf("the fields after the click: %q %v", x, err)
	}
	do("save it", chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action$="/focus"]').requestSubmit()`))
	browsertest.WaitText(t, ctx, ".flash", "Focal point saved")
	if browsertest.Tool(t, "DATELINE_AXE_JS", "") != "" {
		for _, v := range browsertest.AxeViolations(t, ctx) {
			t.Errorf("a photo's page: %s", v)
		}
	}
	m, err := s.Store.MediaByID(context.Background(), after[0].ID)
	if err != nil || m.Focus.X != 0.9 || m.Focus.Y != 0.25 {
		t.Fatalf("the stored focal point: %+v %v", m.Focus, err)
	}
}
