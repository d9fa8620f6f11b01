package public_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/story"
)

// arabicStory publishes a story in Arabic and returns its path.
func (s *site) arabicStory() string {
	s.t.Helper()
	return s.publishInWorld(story.Story{Headline: "عودة العبارات الليلية إلى الميناء", Dek: "ثلاث عبارات كل عشرين دقيقة",
		BodyMarkdown: "عادت العبارات الليلية إلى العمل يوم الاثنين.\n\n## ما التالي\n\nسيُنشر عدد الركاب كل شهر.",
		Language:     "ar", CommentsOpen: true})
}

// publishInWorld stores st as a story of the World section, publishes it and
// returns its path.
func (s *site) publishInWorld(st story.Story) string {
	s.t.Helper()
	st.SectionID, st.State, st.Slug = s.demo.Sections["world"].ID, story.StateDraft, story.Slugify(st.Headline)
	ctx := context.Background()
	if err := s.store.CreateStory(ctx, &st); err != nil {
		s.t.Fatal(err)
	}
	if err := st.Transition(story.StatePublished, time.Time{}, s.now()); err != nil {
		s.t.Fatal(err)
	}
	if err := s.store.UpdateStory(ctx, &st); err != nil {
		s.t.Fatal(err)
	}
	loc, _ := time.LoadLocation("America/New_York")
	return st.Path("world", loc)
}

// TestRightToLeftStory: an Arabic story's own words carry lang="ar" and dir="rtl";
// the page's labels stay in the site's language, left to right.
func TestRightToLeftStory(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		path := s.arabicStory()
		status, _, body := s.get(path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		for _, want := range []string{`<h1 lang="ar" dir="rtl">عودة العبارات الليلية إلى الميناء</h1>`,
			`<p class="dek" lang="ar" dir="rtl">`, `<div class="story-body" lang="ar" dir="rtl">`, `<html lang="`} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
		if strings.Contains(body, `<article class="story" lang`) || strings.Contains(body, `dir="rtl">Web posted at`) {
			t.Error("the page's own labels are marked as Arabic")
		}
	})
}
