package render

import (
	"strings"
	"testing"
)

// TestInlinePhotos: media references become photos with the library's files,
// sizes, caption and credit; a reference's caption wins over the photo's; a photo
// that is gone disappears; markup in alt text or caption stays text; pasted
// addresses and unknown schemes are not references.
func TestInlinePhotos(t *testing.T) {
	src := "Before.\n\n![Corals <b>bleached</b>](media:7 \"Under the \\\"pier\\\"\")\n\nA small ![icon](media:8) inline.\n\n" +
		"![gone](media:9)\n\n![x](javascript:alert(1))\n\n![y](media:abc)\n\n`![code](media:10)`"
	b, err := StoryBody(src, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Photos) != 3 || b.Photos[0] != 7 || b.Photos[1] != 8 || b.Photos[2] != 9 {
		t.Fatalf("photos %v, want [7 8 9]", b.Photos)
	}
	photos := map[int64]InlinePhoto{
		7: {URL: "/media/7/c.jpg", SrcSet: "/media/7/c-480.jpg 480w, /media/7/c.jpg 960w", Width: 960, Height: 540,
			Caption: "Library caption", Credit: "Photo: <Lab>"},
		8: {URL: "/media/8/i.png", Width: 40, Height: 40, Caption: "Icon"},
	}
	page := string(ResolvePhotos(b.HTML, func(id int64) (InlinePhoto, bool) { p, ok := photos[id]; return p, ok }))
	for _, want := range []string{
		`<figure class="inline-photo"><img src="/media/7/c.jpg" srcset="/media/7/c-480.jpg 480w, /media/7/c.jpg 960w" ` +
			`sizes="(max-width: 44rem) 100vw, 42rem" alt="Corals bleached" width="960" height="540" loading="lazy">` +
			`<figcaption>Under the &#34;pier&#34; <span class="photo-credit">Photo: &lt;Lab&gt;</span></figcaption></figure>`,
		`A small <img src="/media/8/i.png" alt="icon" width="40" height="40" loading="lazy"> inline.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks\n%s\nin\n%s", want, page)
		}
	}
	for _, bad := range []string{"data-media-ref", "media:9", "gone", "javascript:", "<b>"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page has %q:\n%s", bad, page)
		}
	}
}
