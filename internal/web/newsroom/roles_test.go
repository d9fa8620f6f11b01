package newsroom_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/people"
	"dateline/internal/sitetest"
	"dateline/internal/story"
	"dateline/internal/web/api"
	"dateline/internal/web/newsroom"
)

// TestRoleMatrix calls every newsroom and Admin API route as anonymous, writer,
// editor and admin. A role without the route's action gets 403 (anonymous: a
// redirect to sign-in, or 401); a role with it gets past the check (no 401/403,
// no server error).
func TestRoleMatrix(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		writer := s.People[people.RoleWriter]
		draft := story.Story{Slug: "matrix-draft", Headline: "Matrix draft", SectionID: s.Demo.Sections["world"].ID,
			State: story.StateDraft, AuthorIDs: []int64{writer.ID}, CommentsOpen: true}
		if err := s.Store.CreateStory(ctx, &draft); err != nil {
			t.Fatal(err)
		}
		target := people.Person{Slug: "target", Name: "Target", Email: "target@test.example", Role: people.RoleWriter}
		if err := s.Store.CreatePerson(ctx, &target); err != nil {
			t.Fatal(err)
		}
		photo := s.Demo.Stories["ferries"].LeadMediaID
		fill := func(pattern string) (method, path string) {
			method, path, _ = strings.Cut(pattern, " ")
			id := strconv.FormatInt(draft.ID, 10)
			switch {
			case strings.Contains(path, "/people/"):
				id = strconv.FormatInt(target.ID, 10)
			case strings.Contains(path, "/media/"):
				id = strconv.FormatInt(photo, 10)
			case strings.Contains(path, "/sections/"),
				strings.Contains(path, "/bureaus/"),
				strings.Contains(path, "/topics/"),
				strings.Contains(path, "/messages/"):
				id = "1"
			}
			path = strings.NewReplacer("{id}", id, "{version}", "1", "{name}", "ferries.png", "{section}", "home", "{token}", "x", "{$}", "").
				Replace(path)
			return method, path
		}

		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		d := &desk.Desk{Store: s.Store, Now: s.Clock.Now}
		nr, err := newsroom.New(newsroom.Config{Store: s.Store, Desk: d, Accounts: &auth.Accounts{Store: s.Store, Now: s.Clock.Now}, Log: log})
		if err != nil {
			t.Fatal(err)
		}
		browsers := map[people.Role]*sitetest.Browser{}
		tokens := map[people.Role]string{}
		roles := []people.Role{"", people.RoleWriter, people.RoleEditor, people.RoleAdmin}
		for _, role := range roles[1:] {
			browsers[role], tokens[role] = s.Session(role), s.Token(role)
		}
		browsers[""] = s.Anonymous()
		count := 0
		for _, rt := range nr.Routes() {
			if rt.Need == "" {
				continue // sign-in pages, tested on their own
			}
			method, path := fill(rt.Pattern)
			for _, role := range roles {
				b := browsers[role]
				var status int
				var header http.Header
				if method == http.MethodGet {
					status, header, _ = b.Get(path)
				} else {
					status, header, _ = b.Post(path, url.Values{})
				}
				count++
				allowed := role != "" && role.Can(rt.Need)
				switch {
				case role == "" && method == http.MethodGet:
					if status != http.StatusSeeOther || !strings.HasPrefix(header.Get("Location"), "/newsroom/login") {
						t.Errorf("%s as anonymous: %d → %q, want a redirect to sign in", rt.Pattern, status, header.Get("Location"))
					}
				case role == "":
					if status != http.StatusUnauthorized {
						t.Errorf("%s as anonymous: %d, want 401", rt.Pattern, status)
					}
				case !allowed:
					if status != http.StatusForbidden {
						t.Errorf("%s as %s: %d, want 403", rt.Pattern, role, status)
					}
				default:
					if status == http.StatusUnauthorized || status == http.StatusForbidden || status >= 500 {
						t.Errorf("%s as %s: %d, want to pass the role check", rt.Pattern, role, status)
					}
				}
			}
			if strings.HasSuffix(rt.Pattern, "/logout") { // it signed everyone out: sign in again
				for _, role := range roles[1:] {
					browsers[role] = s.Session(role)
				}
			}
		}
		for _, rt := range api.New(s.Store, d, log).Routes() {
			method, path := fill(rt.Pattern)
			for _, role := range roles {
				status, _ := s.API(tokens[role], method, path, "{}")
				count++
				allowed := role != "" && role.Can(rt.Need)
				switch {
				case role == "":
					if status != http.StatusUnauthorized {
						t.Errorf("API %s without a token: %d, want 401", rt.Pattern, status)
					}
				case !allowed:
					if status != http.StatusForbidden {
						t.Errorf("API %s as %s: %d, want 403", rt.Pattern, role, status)
					}
				default:
					if status == http.StatusUnauthorized || status == http.StatusForbidden || status >= 500 {
						t.Errorf("API %s as %s: %d, want to pass the role check", rt.Pattern, role, status)
					}
				}
			}
		}
		t.Logf("%d route × role calls", count)
		if count < 200 {
			t.Fatalf("only %d calls: the route tables look incomplete", count)
		}
	})
}

// TestCSRFRequired: a signed-in POST without the session's token changes nothing.
func TestCSRFRequired(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		b := s.Session(people.RoleAdmin)
		status, _, body := b.Post("/newsroom/settings", url.Values{"csrf": {"wrong"}, "name": {"Hacked"}})
		if status != http.StatusForbidden || !strings.Contains(body, "expired") {
			t.Fatalf("POST with a bad CSRF token: %d", status)
		}
		site, _ := s.Store.Site(context.Background())
		if site.Name == "Hacked" {
			t.Fatal("the settings changed")
		}
		req, _ := http.NewRequest(http.MethodPost, s.HTTP.URL+"/newsroom/settings", strings.NewReader("csrf="+b.CSRF+"&name=Hacked"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := b.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("cross-site POST: %d, want 403", resp.StatusCode)
		}
	})
}
