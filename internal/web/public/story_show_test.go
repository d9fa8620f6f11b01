package public_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"dateline/internal/story"
)

// TestStoryPageHasEveryPart checks the 15 parts of the reference story page, in
// reading order, on the parsed page of a demo story.
func TestStoryPageHasEveryPart(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		path := s.storyPath("ferries")
		if !strings.HasPrefix(path, "/world/asia/1997/01/29/") {
			t.Fatalf("story path %s: want the subsection path and the local date of first publication", path)
		}
		doc := s.page(path)
		var order []*html.Node

		// 1. Banner: logo and site name linking home, section navigation.
		banner := one(t, doc, "banner", byClass("banner"))
		home := one(t, banner, "home link", byClass("brand"))
		if attr(home, "href") != "/" || text(home) != "Dateline News" || len(find(home, byTag("img"))) != 1 {
			t.Errorf("banner home link: href %q text %q", attr(home, "href"), text(home))
		}
		nav := one(t, banner, "section navigation", byClass("sections"))
		if got := text(nav); got != "World Business Science Culture" {
			t.Errorf("section navigation = %q", got)
		}
		order = append(order, banner)

		// 2. Headline: the only h1.
		h1 := one(t, doc, "h1", byTag("h1"))
		if text(h1) != s.demo.Stories["ferries"].Headline {
			t.Errorf("h1 = %q", text(h1))
		}
		order = append(order, h1)

		// 3. Lead photo with alt text, caption and credit.
		fig := one(t, doc, "lead photo", byClass("lead-photo"))
		img := one(t, fig, "lead image", byTag("img"))
		if attr(img, "alt") == "" || attr(img, "width") == "" {
			t.Error("lead image lacks alt text or dimensions")
		}
		if status, _, _ := s.get(attr(img, "src")); status != http.StatusOK {
			t.Errorf("lead image %s: status %d", attr(img, "src"), status)
		}
		if cap := text(one(t, fig, "caption", byTag("figcaption"))); !strings.Contains(cap, "first crossing") ||
			!strings.Contains(cap, "Illustration: Dateline") {
			t.Errorf("caption = %q, want caption and credit", cap)
		}
		order = append(order, fig)

		// 4. "In this story:" links, each resolving to a body heading.
		toc := one(t, doc, "in this story", byClass("in-this-story"))
		if !strings.HasPrefix(text(toc), "In this story:") {
			t.Errorf("TOC text = %q", text(toc))
		}
		links := find(toc, byTag("a"))
		if len(links) != 3 {
			t.Fatalf("TOC has %d links, want 3", len(links))
		}
		for _, a := range links {
			id := strings.TrimPrefix(attr(a, "href"), "#")
			target := one(t, doc, "heading #"+id, byID(id))
			if target.Data != "h2" || text(target) != text(a) {
				t.Errorf("TOC link %q points at <%s> %q", text(a), target.Data, text(target))
			}
		}
		order = append(order, toc)

		// 5. Date of the page in long form; 6. "Web posted at:" in EST and GMT, and the update.
		date := one(t, doc, "publication date", byClass("pubdate"))
		if text(date) != "January 29, 1997" {
			t.Errorf("date line = %q", text(date))
		}
		posted := one(t, doc, "web posted", byClass("web-posted"))
		if text(posted) != "Web posted at: 8:15 p.m. EST (0115 GMT)" {
			t.Errorf("posted = %q", text(posted))
		}
		if got := text(one(t, doc, "updated", byClass("web-updated"))); got != "Updated: 11:15 p.m. EST (0415 GMT)" {
			t.Errorf("updated = %q", got)
		}
		order = append(order, date, posted)

		// 7. Dateline opening the first paragraph; 8. body with subheadings and a quote.
		body := one(t, doc, "story body", byClass("story-body"))
		first := find(body, byTag("p"))[0]
		if !strings.HasPrefix(text(first), "HONG KONG (Dateline) -- Night ferries") {
			t.Errorf("first paragraph = %q", text(first))
		}
		if len(find(body, byTag("blockquote"))) != 1 {
			t.Error("body lost its quote")
		}
		order = append(order, first)

		// 9. Contributor credit.
		credit := one(t, doc, "credit line", byClass("contributors"))
		if !strings.Contains(text(credit), "contributed to this report") {
			t.Errorf("credit = %q", text(credit))
		}
		order = append(order, credit)

		// 10. Related stories: the editor-pinned one first.
		rel := one(t, doc, "related stories", byClass("related-stories"))
		relLinks := find(rel, byTag("a"))
		if !strings.HasPrefix(text(rel), "Related stories:") || len(relLinks) < 2 {
			t.Fatalf("related = %q", text(rel))
		}
		if attr(relLinks[0], "href") != s.storyPath("typhoon") {
			t.Errorf("first related link %s, want the pinned story %s", attr(relLinks[0], "href"), s.storyPath("typhoon"))
		}
		order = append(order, rel)

		// 11. Related sites: new window, safe rel, note and disclaimer.
		sites := one(t, doc, "related sites", byClass("related-sites"))
		for _, a := range find(sites, byTag("a")) {
			if attr(a, "href") == "#top" {
				continue
			}
			if attr(a, "target") != "_blank" || attr(a, "rel") != "noopener noreferrer" {
				t.Errorf("related site %q: target %q rel %q", text(a), attr(a, "target"), attr(a, "rel"))
			}
		}
		if !strings.Contains(text(sites), "new browser window") || !strings.Contains(text(sites), "not endorsed by Dateline News") {
			t.Errorf("related sites = %q", text(sites))
		}
		order = append(order, sites)

		// 12. What You Think.
		wyt := one(t, doc, "what you think", byClass("what-you-think"))
		if !strings.Contains(text(wyt), "Tell us what you think!") || len(find(wyt, byTag("form"))) != 1 {
			t.Errorf("what you think = %q", text(wyt))
		}
		order = append(order, wyt)

		// 13. You said it...: featured first, then published; pending and rejected hidden.
		said := one(t, doc, "you said it", byClass("you-said-it"))
		comments := find(said, byClass("comment"))
		if len(comments) != 2 || !strings.Contains(text(comments[0]), "Grace Lo, Kowloon") ||
			!strings.Contains(text(comments[0]), "Editors' pick") || !strings.Contains(text(comments[1]), "Martin Yeung") {
			t.Errorf("comments = %q", text(said))
		}
		if strings.Contains(text(doc), "P. Singh") || strings.Contains(text(doc), "Waste of money") {
			t.Error("a pending or rejected comment is on the page")
		}
		order = append(order, said)

		// 14. "To the top" once per major part: after the body, after related stories
		// and sites, and at the end, after the letters (not after every subheading);
		// 15. footer.
		tops := find(doc, byClass("to-top"))
		if len(tops) != 3 {
			t.Errorf("%d 'To the top' links, want 3: after the body, after the related links, at the end", len(tops))
		}
		if n := len(find(body, byClass("to-top"))); n != 0 {
			t.Errorf("%d 'To the top' links inside the body", n)
		}
		for _, p := range tops {
			if a := one(t, p, "top link", byTag("a")); attr(a, "href") != "#top" || text(a) != "To the top" {
				t.Errorf("top link %q -> %q", text(a), attr(a, "href"))
			}
		}
		one(t, doc, "top anchor", byID("top"))
		footer := one(t, doc, "footer", byTag("footer"))
		if !strings.Contains(text(footer), "© 1997 Dateline News Ltd.") {
			t.Errorf("footer = %q", text(footer))
		}
		if len(find(footer, func(n *html.Node) bool { return byTag("a")(n) && attr(n, "href") == "/terms/" })) != 1 {
			t.Error("footer has no terms link")
		}
		if len(find(footer, byClass("to-top"))) != 1 {
			t.Error("no 'To the top' at the end")
		}
		order = append(order, footer)

		for i := 1; i < len(order); i++ {
			if position(doc, order[i-1]) >= position(doc, order[i]) {
				t.Errorf("part %d (%s.%s) comes after part %d", i-1, order[i-1].Data, attr(order[i-1], "class"), i)
			}
		}
		if strings.Contains(text(doc), "@dateline.example") {
			t.Error("an email address is on the page")
		}
	})
}

// TestStoryPageLeavesOutEmptyParts: no photo, no sites, closed comments, no subheadings.
func TestStoryPageLeavesOutEmptyParts(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		doc := s.page(s.storyPath("shifts")) // no photo, no related sites
		for _, class := range []string{"lead-photo", "related-sites"} {
			if len(find(doc, byClass(class))) != 0 {
				t.Errorf("%s shown without data", class)
			}
		}
		if strings.Contains(text(doc), "Related sites:") {
			t.Error("empty 'Related sites:' heading")
		}

		closed := s.page(s.storyPath("customs"))
		if len(find(closed, byClass("letter-form"))) != 0 || !strings.Contains(text(closed), "Comments are closed for this story.") {
			t.Error("closed comments: want the closed note instead of the form")
		}
		if len(find(closed, byClass("you-said-it"))) != 0 {
			t.Error("'You said it...' shown with no comments")
		}

		// A story without subheadings, topics or related stories.
		ctx := context.Background()
		plain := story.Story{Slug: "plain", Headline: "Plain story", SectionID: s.demo.Sections["culture"].ID,
			BodyMarkdown: "Only one paragraph.", State: story.StatePublished, PublishedAt: demoNow.Add(-30 * 60e9)}
		if err := s.store.CreateStory(ctx, &plain); err != nil {
			t.Fatal(err)
		}
		doc = s.page("/culture/1997/01/30/plain/")
		for _, class := range []string{"in-this-story", "related-stories", "related-sites", "lead-photo", "web-updated", "contributors",
			"byline"} {
			if len(find(doc, byClass(class))) != 0 {
				t.Errorf("%s shown without data", class)
			}
		}
		if strings.Contains(text(doc), "In this story") {
			t.Error("empty 'In this story:' heading")
		}
		if p := find(one(t, doc, "body", byClass("story-body")), byTag("p"))[0]; text(p) != "Only one paragraph." {
			t.Errorf("without a dateline city the body starts %q", text(p))
		}
	})
}

// TestStoryRenderedOncePerVersion: many readers, one render; an edit renders again.
func TestStoryRenderedOncePerVersion(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		path := s.storyPath("corals")
		for range 25 {
			s.page(path)
		}
		if got := s.server.Renders(); got != 1 {
			t.Fatalf("renders after 25 requests = %d, want 1", got)
		}
		st, err := s.store.StoryByID(context.Background(), s.demo.Stories["corals"].ID)
		if err != nil {
			t.Fatal(err)
		}
		st.BodyMarkdown += "\n\nA new paragraph."
		if err := s.store.UpdateStory(context.Background(), &st); err != nil {
			t.Fatal(err)
		}
		if doc := s.page(path); !strings.Contains(text(doc), "A new paragraph.") {
			t.Fatal("the edit is not on the page")
		}
		if got := s.server.Renders(); got != 2 {
			t.Fatalf("renders after an edit = %d, want 2", got)
		}
	})
}
