package newsroom_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/app"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestSettingsWarnAboutTheSiteAddress: Settings says when the site's address names
// another port than this server answers at, until a proxy explains it.
func TestSettingsWarnAboutTheSiteAddress(t *testing.T) {
	s := sitetest.NewWith(t, "sqlite", func(o *app.Options) {
		o.Served = func() string { return "http://127.0.0.1:9999" }
	})
	admin := s.Session(people.RoleAdmin)
	_, _, page := admin.Get("/newsroom/settings")
	if !strings.Contains(page, "Check the site address.") || !strings.Contains(page, "(http://127.0.0.1:9999)") {
		t.Fatal("no warning about http://localhost:8080 served at 127.0.0.1:9999")
	}
	form := settingsForm(s)
	form.Set("trusted_proxies", "10.0.0.0/8")
	if status, _, body := admin.Post("/newsroom/settings", form); status != http.StatusSeeOther {
		t.Fatalf("save settings: %d %.300s", status, body)
	}
	if _, _, page := admin.Get("/newsroom/settings"); strings.Contains(page, "Check the site address.") {
		t.Fatal("a warning although a proxy is configured")
	}
}

// settingsForm is the Settings form as the page fills it from the demo site.
func settingsForm(s *sitetest.Site) url.Values {
	site := s.Demo.Site
	return url.Values{"name": {site.Name}, "short_name": {site.ShortName}, "tagline": {site.Tagline}, "base_url": {site.BaseURL},
		"time_zone": {site.TimeZone}, "language": {site.Language}, "copyright_holder": {site.CopyrightHolder},
		"comments_premoderated": {"on"}, "reader_data_days": {"90"}}
}
