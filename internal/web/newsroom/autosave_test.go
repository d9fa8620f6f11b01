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
