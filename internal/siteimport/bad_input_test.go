package siteimport_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/siteimport"
	"dateline/internal/sitetest"
	"dateline/internal/store"
	"dateline/internal/story"
)

// wxr is a minimal export around items, declaring encoding.
func wxr(encoding string, items ...string) string {
	return `<?xml version="1.0" encoding="` + encoding + `"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.1/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title><link>https://t.example</link>
<wp:wxr_version>1.1</wp:wxr_version>
<wp:category><wp:category_nicename>news</wp:category_nicename><wp:cat_name>News</wp:cat_name></wp:category>
` + strings.Join(items, "\n") + `</channel></rss>`
}

func post(id, slug, title, body string) string {
	return `<item><title>` + title + `</title><content:encoded><![CDATA[` + body + `]]></content:encoded><wp:post_id>` + id +
		`</wp:post_id><wp:post_date_gmt>2024-01-02 03:04:05</wp:post_date_gmt><wp:post_name>` + slug +
		`</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="news">News</category></item>`
}

func importText(t *testing.T, s *sitetest.Site, doc string) (*siteimport.Report, error) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	ex, warnings, err := siteimport.WordPress(func() (io.ReadCloser, error) { return os.Open(file) }, time.UTC)
	if err != nil {
		return nil, err
	}
	report, err := siteimport.Run(context.Background(), ex, options(t, s))
	if report != nil {
		report.Warnings = append(warnings, report.Warnings...)
	}
	return report, err
}

func TestBadExports(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		// Duplicate post IDs: the first is taken, the second reported; two posts
		// with one slug: the second is numbered and its old address still leads to it.
		report, err := importText(t, s, wxr("UTF-8",
			post("1", "harbour-news", "Harbour news", "<p>First.</p>"),
			post("1", "harbour-news-again", "Harbour news again", "<p>Same ID.</p>"),
			post("2", "harbour-news", "Harbour news, the other", "<p>Same slug.</p>")))
		if err != nil {
			t.Fatal(err)
		}
		if w := report.WarningCounts(); w[siteimport.WarnDuplicate] != 1 || w[siteimport.WarnSlugChanged] != 1 ||
			report.Counts[siteimport.KindStory][desk.ImportCreated] != 2 {
			t.Errorf("duplicates: %v %v", report.Counts, report.Warnings)
		}
		if st := s.StoryBySlug("harbour-news-2"); st.Headline != "Harbour news, the other" {
			t.Errorf("the second slug's story: %q", st.Headline)
		}

		// A post readers needed a password for is not published for everyone.
		locked := strings.Replace(post("7", "members-only", "Members only", "<p>Secret.</p>"), "<wp:status>",
			"<wp:post_password>hunter2</wp:post_password><wp:status>", 1)
		report, err = importText(t, s, wxr("UTF-8", locked))
		if err != nil {
			t.Fatal(err)
		}
		if st := s.StoryBySlug("members-only"); st.State != story.StateDraft || report.WarningCounts()[siteimport.WarnProtected] != 1 {
			t.Errorf("the protected post is %s; warnings %v", st.State, report.Warnings)
		}

		// Odd records a real site holds are carried, not fatal: an author whose
		// address is not one, a category with no name, a 400-character title, a
		// published post with no date.
		odd := strings.NewReplacer("<wp:post_date_gmt>2024-01-02 03:04:05</wp:post_date_gmt>", "",
			"<category domain=\"category\" nicename=\"news\">News</category>", "<category domain=\"category\" nicename=\"nameless\"></category>",
		).Replace(post("8", "odd-one", strings.Repeat("Long title ", 40), "<p>Odd.</p>"))
		odd = strings.Replace(odd, "<title>", "<dc:creator>bob</dc:creator><title>", 1)
		report, err = importText(t, s, wxr("UTF-8", `<wp:author><wp:author_login>bob</wp:author_login><wp:author_email>bob</wp:author_email>
			<wp:author_display_name></wp:author_display_name></wp:author>
			<wp:category><wp:category_nicename>nameless</wp:category_nicename><wp:cat_name></wp:cat_name></wp:category>`, odd))
		if err != nil {
			t.Fatal(err)
		}
		odder := s.StoryBySlug("odd-one")
		authors, _ := s.Store.PeopleByID(context.Background(), odder.AuthorIDs)
		if w := report.WarningCounts(); w[siteimport.WarnBadEmail] != 1 || w[siteimport.WarnCut] != 1 || len([]rune(odder.Headline)) != 300 ||
			odder.PublishedAt.IsZero() || len(authors) != 1 || authors[0].Email != "bob@imported.invalid" || authors[0].Name != "bob" {
			t.Errorf("odd records: %+v, authors %+v, warnings %v", odder, authors, report.Warnings)
		}

		// A 10 MB post imports whole.
		big := strings.Repeat("<p>"+strings.Repeat("The tide came in. ", 50)+"</p>\n", 11_000)
		if _, err := importText(t, s, wxr("UTF-8", post("3", "the-long-one", "The long one", big))); err != nil {
			t.Fatal(err)
		}
		if st := s.StoryBySlug("the-long-one"); len(st.BodyMarkdown) < 9_500_000 {
			t.Errorf("the 10 MB post kept %d bytes", len(st.BodyMarkdown))
		}

		// Latin-1 bytes in a file that says UTF-8 are read as Windows-1252, with a
		// warning; a file that declares ISO-8859-1 is read as such.
		report, err = importText(t, s, wxr("UTF-8", post("4", "zurich", "Z\xfcrich \x93quoted\x94", "<p>Caf\xe9.</p>")))
		if err != nil {
			t.Fatal(err)
		}
		if st := s.StoryBySlug("zurich"); st.Headline != "Zürich “quoted”" || !strings.Contains(st.BodyMarkdown, "Café") {
			t.Errorf("repaired: %q %q", st.Headline, st.BodyMarkdown)
		}
		if report.WarningCounts()[siteimport.WarnEncoding] != 1 {
			t.Errorf("no encoding warning: %v", report.Warnings)
		}
		if _, err := importText(t, s, wxr("ISO-8859-1", post("5", "geneve", "Gen\xe8ve", "<p>Lac L\xe9man.</p>"))); err != nil {
			t.Fatal(err)
		}
		if st := s.StoryBySlug("geneve"); st.Headline != "Genève" {
			t.Errorf("Latin-1: %q", st.Headline)
		}

		// Not an export at all, and a cut-off one: refused, naming the line.
		for name, doc := range map[string]string{
			"HTML":    "<html><body>no</body></html>",
			"cut off": wxr("UTF-8", post("6", "cut", "Cut", "<p>x</p>"))[:400],
			"no WXR":  strings.Replace(wxr("UTF-8"), "<wp:wxr_version>1.1</wp:wxr_version>", "", 1),
			"WXR 2":   strings.Replace(wxr("UTF-8"), "<wp:wxr_version>1.1</wp:wxr_version>", "<wp:wxr_version>2.0</wp:wxr_version>", 1),
		} {
			if _, err := importText(t, s, doc); !errors.Is(err, siteimport.ErrSyntax) {
				t.Errorf("%s: %v", name, err)
			} else if name == "cut off" && !strings.Contains(err.Error(), "line ") {
				t.Errorf("%s: the error names no line: %v", name, err)
			}
		}
		if _, err := s.Store.StoryBySlug(context.Background(), "cut"); err == nil {
			t.Error("a refused export wrote a story")
		}
	})
}

// refusing is the site's store, refusing one story as a rule the importer did not
// foresee would.
type refusing struct {
	*store.Store
}

func (r refusing) CreateStory(ctx context.Context, st *story.Story) error {
	if st.Headline == "Refuse me" {
		return fmt.Errorf("%w: a rule this test made up", story.ErrInvalid)
	}
	return r.Store.CreateStory(ctx, st)
}

// One post the site refuses is reported and skipped; the rest of its batch is filed.
func TestARefusedPostDoesNotStopTheImport(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		file := filepath.Join(t.TempDir(), "export.xml")
		doc := wxr("UTF-8", post("1", "first", "First", "<p>One.</p>"), post("2", "refused", "Refuse me", "<p>Two.</p>"),
			post("3", "third", "Third", "<p>Three.</p>"))
		if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		ex, _, err := siteimport.WordPress(func() (io.ReadCloser, error) { return os.Open(file) }, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		opts := options(t, s)
		opts.Desk.Store = refusing{s.Store}
		report, err := siteimport.Run(context.Background(), ex, opts)
		if err != nil {
			t.Fatal(err)
		}
		if report.Counts[siteimport.KindStory][desk.ImportCreated] != 2 || report.WarningCounts()[siteimport.WarnNotFiled] != 1 {
			t.Errorf("counts %v, warnings %v", report.Counts, report.Warnings)
		}
		for _, slug := range []string{"first", "third"} {
			s.StoryBySlug(slug)
		}
		if _, err := s.Store.StoryBySlug(context.Background(), "refused"); err == nil {
			t.Error("the refused post was filed")
		}
	})
}
