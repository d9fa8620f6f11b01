package theme

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func themeWithLabels(t *testing.T, files map[string]string) (*Theme, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "labels"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, "labels", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Load(dir, nil)
}

// TestTranslationsFromTheThemeDirectory: a labels file in the theme directory
// translates the pages' words; labels it leaves out stay English; a regional
// language falls back to its base language, an unknown one to English.
func TestTranslationsFromTheThemeDirectory(t *testing.T) {
	th, err := themeWithLabels(t, map[string]string{
		"fr.json": `{"to_top": "Haut de page", "not_endorsed": "%s n'est pas responsable des sites externes.",
			"comments_count": {"one": "%d commentaire", "other": "%d commentaires"}}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	fr := th.Labels("fr-CA")
	if got := fr.T("to_top"); got != "Haut de page" {
		t.Errorf("fr-CA to_top = %q", got)
	}
	if got := fr.T("not_endorsed", "Le Journal"); got != "Le Journal n'est pas responsable des sites externes." {
		t.Errorf("fr not_endorsed = %q", got)
	}
	if got := fr.T("in_this_story"); got != "In this story:" {
		t.Errorf("a label the translation lacks = %q, want English", got)
	}
	if got := fr.N("comments_count", 0); got != "0 commentaire" { // French counts 0 as "one"
		t.Errorf("fr 0 comments = %q", got)
	}
	if got := th.Labels("xx").T("to_top"); got != "To the top" {
		t.Errorf("unknown language = %q, want English", got)
	}
	var buf bytes.Buffer
	data := map[string]any{"Lang": "fr", "Title": "T", "Site": map[string]string{"Name": "N", "CopyrightHolder": "C"}}
	if err := th.Render(&buf, "fr", "page", data); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Haut de page") || strings.Contains(buf.String(), "To the top") {
		t.Fatal("a French page still says To the top")
	}
}

// TestPluralFormsFollowTheLanguage: Russian has one, few and many.
func TestPluralFormsFollowTheLanguage(t *testing.T) {
	th, err := themeWithLabels(t, map[string]string{
		"ru.json": `{"comments_count": {"one": "%d комментарий", "few": "%d комментария", "many": "%d комментариев", "other": "%d комментария"}}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	ru, en := th.Labels("ru"), th.Labels("en")
	cases := map[int]string{1: "1 комментарий", 2: "2 комментария", 5: "5 комментариев", 21: "21 комментарий",
		112: "112 комментариев"}
	for n, want := range cases {
		if got := ru.N("comments_count", n); got != want {
			t.Errorf("ru %d = %q, want %q", n, got, want)
		}
	}
	if got := en.N("comments_count", 1); got != "1 comment" {
		t.Errorf("en 1 = %q", got)
	}
	if got := en.N("comments_count", 21); got != "21 comments" {
		t.Errorf("en 21 = %q", got)
	}
}

// TestBadLabelFilesStopStartUp: a misspelt label, a file not named for a
// language, a plural without "other" or a broken file fails at load, naming it.
func TestBadLabelFilesStopStartUp(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"unknown label":     {"de.json": `{"to_tpo": "Nach oben"}`},
		"not a language":    {"deutsch!.json": `{"to_top": "Nach oben"}`},
		"plural sans other": {"de.json": `{"comments_count": {"one": "%d Kommentar"}}`},
		"unknown form":      {"de.json": `{"comments_count": {"plenty": "x", "other": "%d Kommentare"}}`},
		"broken JSON":       {"de.json": `{"to_top": `},
	} {
		_, err := themeWithLabels(t, files)
		if err == nil {
			t.Errorf("%s: loaded", name)
			continue
		}
		for file := range files {
			if !strings.Contains(err.Error(), strings.TrimSuffix(file, ".json")) {
				t.Errorf("%s: %v does not name the file", name, err)
			}
		}
	}
}

// TestEveryLabelExists: every label the templates and the public site's code ask
// for is in labels/en.json, and en.json has no label nothing uses.
func TestEveryLabelExists(t *testing.T) {
	var en map[string]json.RawMessage
	body, err := os.ReadFile("labels/en.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &en); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	// Labels named by a value at run time.
	for _, k := range []string{"kind_comment", "kind_private", "kind_correction", "kind_tip", "note_update", "note_correction",
		"archive_day", "archive_month", "archive_year", "pages", "result_pages", "comment_pages", "date_long", "date_month", "am", "pm",
		"letter_too_long", "letter_unreadable", "letter_unknown_story", "letter_busy", "cross_site_form", "comments_closed"} {
		used[k] = true
	}
	for m := 1; m <= 12; m++ {
		used["month_"+strconv.Itoa(m)] = true
	}
	inTemplates := regexp.MustCompile(`\{\{-?\s*(?:t|tn|tlink) "([a-z0-9_]+)"`)
	inCode := regexp.MustCompile(`\.(?:T|N|Link)\("([a-z0-9_]+)"\s*[,)]`)
	for _, glob := range []string{"templates/*.html", "../web/public/*.go"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, re := range []*regexp.Regexp{inTemplates, inCode} {
				for _, m := range re.FindAllStringSubmatch(string(src), -1) {
					if _, ok := en[m[1]]; !ok {
						t.Errorf("%s asks for the label %q, which labels/en.json lacks", f, m[1])
					}
					used[m[1]] = true
				}
			}
		}
	}
	for k := range en {
		if !used[k] {
			t.Errorf("labels/en.json: %q is used nowhere", k)
		}
	}
}
