package newsroom_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// halves is a 1600×800 picture, red on the left half and blue on the right, so a
// crop's colour shows which side it was cut from.
func halves(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 1600, 800))
	for y := 0; y < 800; y++ {
		for x := 0; x < 1600; x++ {
			c := color.RGBA{200, 20, 20, 255}
			if x >= 800 {
				c = color.RGBA{20, 20, 200, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var cropLink = regexp.MustCompile(`/newsroom/media/\d+/[^"]*-1x1-[^"]*\.jpg`)

// TestFocalPointCrops: an uploaded photo gets 16:9, 4:3 and 1:1 crops around its
// centre; setting the focal point (two numbers, as without JavaScript) makes them
// again around it under new names, the old ones gone; a point outside the photo or
// an edit over a newer one is refused; the public pages use the crops: cards
// 16:9, link previews 16:9, JSON-LD all three.
func TestFocalPointCrops(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctype, buf := sitetest.MultipartPhoto(t, map[string]string{"alt": "Red and blue", "caption": "Two halves.", "credit": "Test"}, halves(t))
		req, _ := http.NewRequest("POST", s.HTTP.URL+"/api/admin/v1/media", buf)
		req.Header.Set("Authorization", "Bearer "+s.Token(people.RoleEditor))
		req.Header.Set("Content-Type", ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var uploaded struct {
			ID int64 `json:"id"`
		}
		json.NewDecoder(resp.Body).Decode(&uploaded)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated || uploaded.ID == 0 {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		writer := s.Session(people.RoleWriter)
		page := "/newsroom/media/" + strconv.FormatInt(uploaded.ID, 10)
		square := func() (string, color.Color, image.Point) {
			t.Helper()
			_, _, body := writer.Get(page)
			link := cropLink.FindString(body)
			if link == "" {
				t.Fatalf("the photo's page shows no 1:1 crop")
			}
			status, _, data := writer.Get(link)
			img, _, err := image.Decode(strings.NewReader(data))
			if status != http.StatusOK || err != nil {
				t.Fatalf("the crop %s: %d %v", link, status, err)
			}
			b := img.Bounds()
			return link, img.At(b.Dx()/2, b.Dy()/2), b.Size()
		}
		first, _, size := square()
		if size != image.Pt(480, 480) {
			t.Errorf("the 1:1 crop is %v, want 480×480", size)
		}
		_, _, body := writer.Get(page)
		version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(body)[1]
		focus := func(x, y string, v string) int {
			status, _, _ := writer.Post(page+"/focus", url.Values{"x": {x}, "y": {y}, "version": {v}})
			return status
		}
		if status := focus("150", "50", version); status != http.StatusUnprocessableEntity {
			t.Fatalf("a focal point outside the photo: %d", status)
		}
		if status := focus("90", "50", version); status != http.StatusSeeOther {
			t.Fatalf("setting the focal point: %d", status)
		}
		second, right, _ := square()
		if r, _, b, _ := right.RGBA(); b>>8 < 150 || r>>8 > 60 {
			t.Errorf("focused on the right, the square crop is %v, want blue", right)
		}
		if second == first {
			t.Error("the new crops kept the old names")
		}
		if status, _, _ := writer.Get(first); status != http.StatusNotFound {
			t.Errorf("the old crop is still served: %d", status)
		}
		if status := focus("10", "50", version); status != http.StatusUnprocessableEntity {
			t.Fatalf("a focal point set from an older version: %d", status)
		}

		// The public pages: the demo's corals story leads with a photo.
		corals := s.Demo.Stories["corals"]
		_, _, story := s.Content(s.PublicPath(corals))
		og := regexp.MustCompile(`<meta property="og:image" content="([^"]+)">`).FindStringSubmatch(story)
		if og == nil || !strings.Contains(og[1], "-16x9-") {
			t.Errorf("og:image %v, want the 16:9 crop", og)
		}
		for _, shape := range []string{"-16x9-", "-4x3-", "-1x1-"} {
			if !regexp.MustCompile(`"image":\[[^\]]*` + shape).MatchString(story) {
				t.Errorf("JSON-LD lacks the %s crop", shape)
			}
		}
		_, _, home := s.Content("/")
		if !regexp.MustCompile(`<li class="card">\s*<img src="/media/\d+/[^"]*-16x9-[^"]*" srcset="[^"]*-16x9-`).MatchString(home) {
			t.Error("the home page's cards do not use the 16:9 crops")
		}
		if u := regexp.MustCompile(`/media/\d+/[^"]*-1x1-[^"]*\.jpg`).FindString(story); u == "" {
			t.Error("no 1:1 crop address on the story page")
		} else if status, _, data := s.Content(u); status != http.StatusOK {
			t.Errorf("the public 1:1 crop: %d", status)
		} else if cfg, _, err := image.DecodeConfig(strings.NewReader(data)); err != nil || cfg.Width != cfg.Height {
			t.Errorf("the public 1:1 crop is %dx%d (%v)", cfg.Width, cfg.Height, err)
		}
	})
}
