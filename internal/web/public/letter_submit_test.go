package public_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dateline/internal/letters"
	"dateline/internal/web/public"
)

var startedField = regexp.MustCompile(`name="started" value="([^"]*)"`)

// post sends a letters form; without a "started" token it takes one from the
// contact page, as a browser would have it from the page it shows.
func (s *site) post(form url.Values, header map[string]string) (int, http.Header, string) {
	s.t.Helper()
	if form.Get("started") == "" {
		_, _, page := s.get("/contact/")
		if m := startedField.FindStringSubmatch(page); m != nil {
			form.Set("started", m[1])
		}
	}
	req, err := http.NewRequest(http.MethodPost, s.http.URL+"/letters/", strings.NewReader(form.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

var sameSite = map[string]string{"Sec-Fetch-Site": "same-origin"}

func letterForm(storyID int64, kind string) url.Values {
	return url.Values{"story": {strconv.FormatInt(storyID, 10)}, "kind": {kind}, "name": {"Rosa <b>Lee</b>"},
		"place": {"Toronto"}, "email": {"rosa@example.com"}, "text": {"<script>alert(1)</script>\r\n\r\nSecond paragraph."}, "consent": {"yes"}}
}

func TestLetterSubmitFilesAPendingMessage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		ctx := context.Background()
		ferries := s.demo.Stories["ferries"]
		status, _, body := s.post(letterForm(ferries.ID, "comment"), sameSite)
		if status != http.StatusOK || !strings.Contains(body, "Thank you for writing") {
			t.Fatalf("submit: status %d", status)
		}
		if _, _, page := s.get(s.storyPath("ferries")); strings.Contains(page, "Rosa") {
			t.Fatal("an unmoderated comment is on the page")
		}
		pending, _, err := s.store.Messages(ctx, letters.Query{StoryID: ferries.ID, State: letters.StatePending})
		if err != nil {
			t.Fatal(err)
		}
		m := pending[0]
		if m.Name != "Rosa <b>Lee</b>" || m.Email != "rosa@example.com" || m.Kind != letters.KindComment || m.Place != "Toronto" {
			t.Fatalf("stored message = %+v", m)
		}
		// An editor publishes it: the page shows it escaped, in paragraphs, without the email.
		if err := s.store.SetMessageState(ctx, m.ID, "", letters.StatePublished, 0); err != nil {
			t.Fatal(err)
		}
		_, _, page := s.get(s.storyPath("ferries"))
		if strings.Contains(page, "<script>alert") || strings.Contains(page, "<b>Lee</b>") || strings.Contains(page, "rosa@example.com") {
			t.Fatal("reader text reached the page unescaped, or the email is shown")
		}
		if !strings.Contains(page, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") || !strings.Contains(page, "<p>Second paragraph.</p>") {
			t.Fatal("the published comment is not on the page as escaped paragraphs")
		}

		private := letterForm(ferries.ID, "private")
		private.Set("text", "A private word for the editors.")
		status, _, _ = s.post(private, sameSite)
		if status != http.StatusOK {
			t.Fatalf("private message: status %d", status)
		}
	})
}

func TestLetterSubmitRefusesBadInput(t *testing.T) {
	// A high limit keeps the rate limit out of the way of a dozen cases.
	eachEngineWith(t, func(c *public.Config) { c.LetterLimit = 1000 }, func(t *testing.T, s *site) {
		ctx := context.Background()
		ferries, customs := s.demo.Stories["ferries"], s.demo.Stories["customs"]
		before, _, _ := s.store.Messages(ctx, letters.Query{})
		cases := []struct {
			name   string
			form   func(url.Values)
			status int
			says   string
		}{
			{"no name", func(f url.Values) { f.Set("name", "  ") }, 422, "Please give your name."},
			{"no text", func(f url.Values) { f.Set("text", "") }, 422, "Please write a message."},
			{"no consent", func(f url.Values) { f.Del("consent") }, 422, "agree that your comment may be published"},
			{"private without email", func(f url.Values) { f.Set("kind", "private"); f.Del("email") }, 422, "give your email address"},
			{"bad email", func(f url.Values) { f.Set("email", "rosa at home") }, 422, "email address does not look right"},
			{"unknown kind", func(f url.Values) { f.Set("kind", "shout") }, 422, "choose what kind"},
			{"too long", func(f url.Values) { f.Set("text", strings.Repeat("x", 5001)) }, 422, "the limit is 5000"},
			{"closed story", func(f url.Values) { f.Set("story", strconv.FormatInt(customs.ID, 10)) }, 403, "Comments are closed"},
			{"unknown story", func(f url.Values) { f.Set("story", "999999") }, 404, "not about a story we know"},
			{
				"draft story",
				func(f url.Values) { f.Set("story", strconv.FormatInt(s.demo.Stories["draft"].ID, 10)) },
				404,
				"not about a story we know",
			},
			{"comment without a story", func(f url.Values) { f.Del("story") }, 422, "choose what kind"},
			{"bad story number", func(f url.Values) { f.Set("story", "x1") }, 400, "not about a story we know"},
			{"too many links", func(f url.Values) {
				f.Set("text", "http://a.example http://b.example http://c.example http://d.example")
			}, 422, "at most 3 links"},
			{"not text", func(f url.Values) { f.Set("text", "bad \xff\xfe bytes") }, 422, "not text"},
			{"expired form", func(f url.Values) { f.Set("started", "123.abc") }, 422, "expired"},
			{"huge body", func(f url.Values) { f.Set("text", strings.Repeat("x", 70<<10)) }, 413, "too long to send"},
		}
		for _, c := range cases {
			f := letterForm(ferries.ID, "comment")
			c.form(f)
			status, _, body := s.post(f, sameSite)
			if status != c.status || !strings.Contains(body, c.says) {
				t.Errorf("%s: status %d, want %d with %q", c.name, status, c.status, c.says)
			}
			if status == 429 {
				t.Fatal("rate limited during the bad-input cases")
			}
		}
		after, _, _ := s.store.Messages(ctx, letters.Query{})
		if len(after) != len(before) {
			t.Fatalf("refused messages were stored: %d before, %d after", len(before), len(after))
		}
	})
}

func TestLetterSubmitCrossOriginAndRateLimit(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		form := letterForm(s.demo.Stories["ferries"].ID, "comment")
		status, _, body := s.post(form, map[string]string{"Sec-Fetch-Site": "cross-site"})
		if status != http.StatusForbidden || !strings.Contains(body, "only be sent from this site") {
			t.Fatalf("cross-site post: status %d", status)
		}
		status, _, _ = s.post(form, map[string]string{"Origin": "https://evil.example"})
		if status != http.StatusForbidden {
			t.Fatalf("foreign Origin: status %d", status)
		}
		for i := range 5 {
			form.Set("text", "Message number "+strconv.Itoa(i))
			form.Del("started")
			if status, _, _ := s.post(form, sameSite); status != http.StatusOK {
				t.Fatalf("message %d within the burst: status %d", i+1, status)
			}
		}
		status, header, _ := s.post(form, sameSite)
		if status != http.StatusTooManyRequests || header.Get("Retry-After") == "" {
			t.Fatalf("sixth message: status %d, Retry-After %q; want 429 with Retry-After", status, header.Get("Retry-After"))
		}
	})
}
