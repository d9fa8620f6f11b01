package siteimport_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/people"
	"dateline/internal/siteimport"
	"dateline/internal/sitetest"
)

// writeWXR writes a WordPress export of n posts across 20 categories and 200 tags,
// each of about 600 words (a dozen paragraphs, a heading, a link) with two
// comments (one a reply).
func writeWXR(tb testing.TB, n int) string {
	tb.Helper()
	name := filepath.Join(tb.TempDir(), "big.xml")
	f, err := os.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Big</title>
<link>https://big.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://big.example</wp:base_blog_url>
<wp:author><wp:author_login>writer</wp:author_login><wp:author_email>writer@big.example</wp:author_email>
<wp:author_display_name>A Writer</wp:author_display_name></wp:author>
`)
	for c := range 20 {
		fmt.Fprintf(w, "<wp:category><wp:category_nicename>cat-%d</wp:category_nicename>"+
			"<wp:cat_name>Category %d</wp:cat_name></wp:category>\n", c, c)
	}
	for tag := range 200 {
		fmt.Fprintf(w, "<wp:tag><wp:tag_slug>tag-%d</wp:tag_slug><wp:tag_name>Tag %d</wp:tag_name></wp:tag>\n", tag, tag)
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	// About 600 words in all, a news story's usual length.
	paragraphs := strings.Repeat("<!-- wp:paragraph --><p>The harbour board met on Tuesday to weigh the cost of dredging the "+
		"channel against the ferry operator's plea for deeper berths, and the councillors who sit on it asked for figures "+
		"that the port authority has not yet published, so the vote waits for the next meeting in a month.</p><!-- /wp:paragraph -->\n", 10)
	for i := range n {
		id := strconv.Itoa(i + 100)
		date := start.Add(time.Duration(i) * 3 * time.Hour).Format(time.DateTime)
		fmt.Fprintf(w, `<item><title>Story number %[1]s about the harbour</title><link>https://big.example/%[2]s/story-%[1]s/</link>
<dc:creator>writer</dc:creator><guid isPermaLink="false">https://big.example/?p=%[1]s</guid>
<content:encoded><![CDATA[<!-- wp:paragraph --><p>The first paragraph of story %[1]s says what happened at the quay,
with <a href="https://example.org/">a link</a>.</p><!-- /wp:paragraph -->
<!-- wp:heading --><h2>Why it matters</h2><!-- /wp:heading -->
<!-- wp:paragraph --><p>A second paragraph with <strong>detail</strong> and <em>colour</em>,
long enough to be a real one in a real story.</p><!-- /wp:paragraph -->
%[6]s<!-- wp:paragraph --><p>A last paragraph closes the story.</p><!-- /wp:paragraph -->]]></content:encoded>
<excerpt:encoded><![CDATA[What happened at the quay.]]></excerpt:encoded>
<wp:post_id>%[1]s</wp:post_id><wp:post_date>%[3]s</wp:post_date><wp:post_date_gmt>%[3]s</wp:post_date_gmt>
<wp:post_name>story-%[1]s</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="cat-%[4]d">C</category><category domain="post_tag" nicename="tag-%[5]d">T</category>
<wp:comment><wp:comment_id>%[1]s1</wp:comment_id><wp:comment_author>Reader</wp:comment_author>
<wp:comment_date_gmt>%[3]s</wp:comment_date_gmt><wp:comment_content>Well said.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>%[1]s2</wp:comment_id><wp:comment_author>Other</wp:comment_author>
<wp:comment_date_gmt>%[3]s</wp:comment_date_gmt><wp:comment_content>Agreed.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>%[1]s1</wp:comment_parent></wp:comment>
</item>
`, id, start.Add(time.Duration(i)*3*time.Hour).Format("2006/01/02"), date, i%20, i%200, paragraphs)
	}
	fmt.Fprint(w, "</channel></rss>\n")
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	return name
}

// BenchmarkWordPressImport imports a generated export of DATELINE_IMPORT_POSTS
// posts (default 2,000) into a new site per engine and reports posts/s.
func BenchmarkWordPressImport(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("DATELINE_IMPORT_POSTS")); err == nil && v > 0 {
		n = v
	}
	file := writeWXR(b, n)
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			if engine == "postgres" && os.Getenv("DATELINE_TEST_POSTGRES_URL") == "" {
				b.Skip("DATELINE_TEST_POSTGRES_URL is not set")
			}
			for b.Loop() {
				b.StopTimer()
				st, blobs := sitetest.OpenStore(b, engine)
				b.StartTimer()
				ex, _, err := siteimport.WordPress(func() (io.ReadCloser, error) { return os.Open(file) }, time.UTC)
				if err != nil {
					b.Fatal(err)
				}
				report, err := siteimport.Run(context.Background(), ex, siteimport.Options{
					Desk: &desk.Desk{Store: st, Blobs: blobs, Now: time.Now}, Reads: st,
					Actor: desk.Actor{Person: people.Person{Name: "import", Role: people.RoleAdmin}},
				})
				if err != nil || report.Counts[siteimport.KindStory][desk.ImportCreated] != n {
					b.Fatalf("%v %v", err, report.Counts)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "posts/s")
		})
	}
}

// Every address the old site answered for a post of a generated export answers
// 301, and where it leads answers 200.
func TestEveryOldAddressOfAGeneratedExportLeadsToItsStory(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		file := writeWXR(t, 120)
		open := func() (io.ReadCloser, error) { return os.Open(file) }
		ex, _, err := siteimport.WordPress(open, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		var old []string
		if err := ex.Posts(func(p siteimport.Post) error {
			old = append(append(old, p.OldURLs...), ex.ExtraPostURLs(p)...)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		ex, _, _ = siteimport.WordPress(open, time.UTC)
		if _, err := siteimport.Run(context.Background(), ex, options(t, s)); err != nil {
			t.Fatal(err)
		}
		if len(old) < 120*5 {
			t.Fatalf("only %d old addresses", len(old))
		}
		for _, path := range old {
			status, to := noFollow(t, s, path)
			if status != http.StatusMovedPermanently {
				t.Errorf("%s: %d, want 301", path, status)
				continue
			}
			if status, _ := noFollow(t, s, to); status != http.StatusOK {
				t.Errorf("%s → %s: %d, want 200", path, to, status)
			}
		}
	})
}
