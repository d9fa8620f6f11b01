package public_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// french is a partial translation, as a newsroom would drop it in its theme
// directory: the labels it gives replace English, the rest stay English.
const french = `{
  "to_top": "Haut de page",
  "web_posted_at": "Mis en ligne :",
  "month_11": "novembre",
  "date_long": "%[2]d %[1]s %[3]d",
  "what_you_think": "Votre avis",
  "problem_name": "Veuillez indiquer votre nom.",
  "letter_refused_title": "Erreur : votre message n'a pas été envoyé",
  "page_not_found": "Page introuvable",
  "latest_news": "Dernières nouvelles",
  "archive_title": "Articles du %s"
}`

// TestPagesSpeakTheSitesLanguage: with the site's language set to French and a
// French labels file in the theme directory, the public pages' own words, dates,
// form problems and error pages are French; labels the file lacks stay English;
// the story's text is left as written. On both engines.
func TestPagesSpeakTheSitesLanguage(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "labels"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "labels", "fr.json"), []byte(french), 0o644); err != nil {
				t.Fatal(err)
			}
			s := sitetest.NewThemed(t, engine, dir)
			ctx := context.Background()
			site, err := s.Store.Site(ctx)
			if err != nil {
				t.Fatal(err)
			}
			english := s.Demo.Stories["ferries"]
			_, _, before := s.Content(s.PublicPath(english))
			if !strings.Contains(before, "To the top") || !strings.Contains(before, "Web posted at:") {
				t.Fatal("an English site's story page lacks its English labels")
			}
			// As an admin sets it, so that the pages cached in English are dropped.
			body, _ := json.Marshal(map[string]any{"name": site.Name, "short_name": site.ShortName, "base_url": site.BaseURL,
				"time_zone": site.TimeZone, "language": "fr", "copyright_holder": site.CopyrightHolder,
				"comments_premoderated": true, "reader_data_days": 90})
			if status, out := s.API(s.Token(people.RoleAdmin), "PUT", "/api/admin/v1/settings", string(body)); status != http.StatusOK {
				t.Fatalf("settings: %d %s", status, out)
			}
			_, _, page := s.Content(s.PublicPath(english))
			for _, want := range []string{`<html lang="fr">`, "Haut de page", "Mis en ligne :", "Votre avis", "In this story:", english.Headline} {
				if !strings.Contains(page, want) {
					t.Errorf("the French story page lacks %q", want)
				}
			}
			if strings.Contains(page, "To the top") || strings.Contains(page, "Web posted at:") {
				t.Error("the French story page still has English labels the translation gives")
			}
			if !strings.Contains(page, " novembre 2026</time>") {
				t.Error("the story's date is not written the French way")
			}
			_, _, home := s.Content("/")
			if !strings.Contains(home, "Dernières nouvelles") {
				t.Error("the home front's heading is not French")
			}
			if _, _, day := s.Content(english.PublishedAt.In(site.Location()).Format("/2006/01/02/")); !strings.Contains(day,
				"<title>Articles du ") || !strings.Contains(day, " novembre 2026") {
				t.Error("the day archive's title is not French")
			}
			status, _, missing := s.Content("/no-such-page/")
			if status != http.StatusNotFound || !strings.Contains(missing, "Page introuvable") {
				t.Errorf("the 404 page: %d, French heading %v", status, strings.Contains(missing, "Page introuvable"))
			}
			status, _, refused := s.Anonymous().PostLetter(url.Values{"kind": {"private"}, "name": {""}, "email": {"a@example.com"},
				"text": {"Bonjour."}})
			if status != http.StatusUnprocessableEntity || !strings.Contains(refused, "Veuillez indiquer votre nom.") ||
				!strings.Contains(refused, "<title>Erreur : votre message n&#39;a pas été envoyé") {
				t.Errorf("a refused letter: %d %.300s", status, refused)
			}
		})
	}
}
