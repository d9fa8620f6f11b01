package newsroom_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestAutosaveNoticeTellsMorningFromEvening: an autosave kept at 11:00 in the
// morning (the site's zone) is offered as "11:00 a.m.", one kept at 11 at night as
// "11:00 p.m." — the notice once printed a literal "p.m." whatever the hour.
func TestAutosaveNoticeTellsMorningFromEvening(t *testing.T) {
	s := sitetest.New(t)
	st := s.Demo.Stories["ferries"]
	for _, c := range []struct {
		at   time.Time // UTC; the demo site is in New York (UTC-5 in November)
		want string
	}{
		{time.Date(2026, 11, 21, 16, 0, 0, 0, time.UTC), "November 21, 2026, 11:00 a.m. EST"},
		{time.Date(2026, 11, 22, 4, 0, 0, 0, time.UTC), "November 21, 2026, 11:00 p.m. EST"},
	} {
		s.Clock.Set(c.at)
		editor := s.Session(people.RoleEditor)
		form := url.Values{"headline": {"Unsaved headline"}, "version": {sitetest.Itoa(int64(st.Version))}}
		if status, _, body := editor.Post("/newsroom/stories/"+sitetest.Itoa(st.ID)+"/autosave", form); status != http.StatusOK {
			t.Fatalf("autosave: %d %s", status, body)
		}
		_, _, page := editor.Get("/newsroom/stories/" + sitetest.Itoa(st.ID))
		if !strings.Contains(page, c.want) {
			t.Fatalf("autosave notice at %s: want %q in the editor", c.at, c.want)
		}
	}
}

// TestIcons: the newsroom links its own icon, which is served; the public site's
// /favicon.ico leads to the theme's icon instead of a 404.
func TestIcons(t *testing.T) {
	s := sitetest.New(t)
	b := s.Anonymous()
	_, _, login := b.Get("/newsroom/login")
	if !strings.Contains(login, `rel="icon" href="/newsroom/static/icon.svg"`) {
		t.Fatal("the newsroom does not link its icon")
	}
	status, h, _ := b.Get("/newsroom/static/icon.svg")
	if status != http.StatusOK || h.Get("Content-Type") != "image/svg+xml" {
		t.Fatalf("newsroom icon: %d %s", status, h.Get("Content-Type"))
	}
	status, h, _ = b.Get("/favicon.ico")
	if status != http.StatusMovedPermanently {
		t.Fatalf("/favicon.ico: %d", status)
	}
	if status, h, _ = b.Get(h.Get("Location")); status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "image/svg+xml") {
		t.Fatalf("the site icon: %d %s", status, h.Get("Content-Type"))
	}
}

// TestMarkAsUpdatedOnSave: the editor of a published story offers "Mark as
// updated"; "No" keeps the Updated time through a text change, the default moves it.
func TestMarkAsUpdatedOnSave(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		st := s.Demo.Stories["corals"]
		editor := s.Session(people.RoleEditor)
		if _, _, page := editor.Get("/newsroom/stories/" + sitetest.Itoa(st.ID)); !strings.Contains(page, `name="mark_updated"`) {
			t.Fatal("the editor of a published story offers no Mark as updated")
		}
		_, _, draftPage := editor.Get("/newsroom/stories/" + sitetest.Itoa(s.Demo.Stories["draft"].ID))
		if strings.Contains(draftPage, `name="mark_updated"`) {
			t.Fatal("a draft offers Mark as updated")
		}
		save := func(body, mark string) time.Time {
			t.Helper()
			cur := s.StoryBySlug(st.Slug)
			f := storyForm(cur.Headline)
			f.Set("section", "science")
			f.Set("slug", cur.Slug)
			f.Set("version", sitetest.Itoa(int64(cur.Version)))
			f.Set("body", body)
			f.Set("mark_updated", mark)
			s.Clock.Set(s.Clock.Now().Add(time.Minute))
			if status, _, page := editor.Post("/newsroom/stories/"+sitetest.Itoa(st.ID), f); status != http.StatusSeeOther {
				t.Fatalf("save: %d %.300s", status, page)
			}
			return s.StoryBySlug(st.Slug).UpdatedAt
		}
		before := s.StoryBySlug(st.Slug).UpdatedAt
		if got := save("A quiet rewrite.", "no"); !got.Equal(before) {
			t.Fatalf("Mark as updated: No moved Updated from %v to %v", before, got)
		}
		if got := save("A real change to the text.", ""); !got.Equal(s.Clock.Now().UTC()) {
			t.Fatalf("a text change did not move Updated: %v", got)
		}
	})
}
