package cli

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/people"
)

func TestLoginSessionAndLogout(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		b := s.anonymous()
		status, header, _ := b.post("/newsroom/login", url.Values{"email": {"EDITOR@test.example"}, "password": {testPassword}, "next": {"/newsroom/fronts"}})
		if status != http.StatusSeeOther || header.Get("Location") != "/newsroom/fronts" {
			t.Fatalf("sign in: %d → %q", status, header.Get("Location"))
		}
		cookie := header.Get("Set-Cookie")
		for _, want := range []string{"dateline_session=", "HttpOnly", "SameSite=Lax"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("session cookie %q lacks %s", cookie, want)
			}
		}
		if strings.Contains(cookie, "Secure") {
			t.Error("Secure cookie over plain HTTP from an untrusted peer")
		}
		if status, _, body := b.get("/newsroom/"); status != http.StatusOK || !strings.Contains(body, "Test editor") {
			t.Fatalf("signed-in story list: %d", status)
		}
		_, _, page := b.get("/newsroom/stories/new")
		b.csrf = csrfField.FindStringSubmatch(page)[1]
		if status, _, _ := b.post("/newsroom/logout", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("logout: %d", status)
		}
		if status, _, _ := b.get("/newsroom/"); status != http.StatusSeeOther {
			t.Fatalf("after logout: %d, want a redirect to sign in", status)
		}
		// An open redirect through ?next= is refused.
		status, header, _ = s.anonymous().post("/newsroom/login", url.Values{"email": {"editor@test.example"}, "password": {testPassword}, "next": {"//evil.example/"}})
		if status != http.StatusSeeOther || header.Get("Location") != "/newsroom/" {
			t.Fatalf("next=//evil.example: %d → %q", status, header.Get("Location"))
		}
	})
}

func TestSecureCookieBehindTrustedTLSProxy(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		site, _ := s.store.Site(context.Background())
		site.TrustedProxies = "127.0.0.1"
		if err := s.store.SaveSite(context.Background(), site); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPost, s.http.URL+"/newsroom/login", strings.NewReader(url.Values{"email": {"writer@test.example"}, "password": {testPassword}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-Proto", "https")
		req.Header.Set("X-Forwarded-For", "203.0.113.9")
		status, header, _ := s.anonymous().do(req)
		if status != http.StatusSeeOther || !strings.Contains(header.Get("Set-Cookie"), "Secure") {
			t.Fatalf("behind a TLS proxy: %d, cookie %q", status, header.Get("Set-Cookie"))
		}
		log, _, _ := s.store.AuditLog(context.Background(), 1, 0)
		if log[0].Action != "person.signin" || log[0].IP != "203.0.113.9" {
			t.Fatalf("audit of the sign-in = %+v, want the client address from X-Forwarded-For", log[0])
		}
	})
}

func TestLoginThrottling(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		bad := url.Values{"email": {"writer@test.example"}, "password": {"wrong password!"}}
		for i := range 10 {
			if status, _, body := s.anonymous().post("/newsroom/login", bad); status != http.StatusUnauthorized || !strings.Contains(body, "do not match") {
				t.Fatalf("failure %d: status %d", i+1, status)
			}
		}
		status, header, _ := s.anonymous().post("/newsroom/login", url.Values{"email": {"writer@test.example"}, "password": {testPassword}})
		if status != http.StatusTooManyRequests || header.Get("Retry-After") == "" {
			t.Fatalf("after 10 failures even the right password: %d, Retry-After %q; want 429", status, header.Get("Retry-After"))
		}
		// The address is throttled for other accounts too.
		if status, _, _ := s.anonymous().post("/newsroom/login", url.Values{"email": {"editor@test.example"}, "password": {testPassword}}); status != http.StatusTooManyRequests {
			t.Fatalf("same address, other account: %d, want 429", status)
		}
		// Past the window, sign-in works again.
		s.clock.Set(s.clock.Now().Add(16 * 60e9))
		if status, _, _ := s.anonymous().post("/newsroom/login", url.Values{"email": {"writer@test.example"}, "password": {testPassword}}); status != http.StatusSeeOther {
			t.Fatalf("after the window: %d", status)
		}
	})
}

func TestDisablingOrChangingRoleEndsAccess(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		admin := s.session(people.RoleAdmin)
		writer := s.session(people.RoleWriter)
		token := s.token(people.RoleWriter)
		w := s.people[people.RoleWriter]
		if status, _ := s.api(token, "GET", "/api/admin/v1/stories", ""); status != http.StatusOK {
			t.Fatalf("token before: %d", status)
		}
		status, _, _ := admin.post("/newsroom/people/"+itoa(w.ID), url.Values{"role": {"editor"}, "title": {""}, "bureau_id": {"0"}})
		if status != http.StatusSeeOther {
			t.Fatalf("role change: %d", status)
		}
		if status, _, _ := writer.get("/newsroom/"); status != http.StatusSeeOther {
			t.Fatalf("session after a role change: %d, want it ended", status)
		}
		if status, _ := s.api(token, "GET", "/api/admin/v1/stories", ""); status != http.StatusUnauthorized {
			t.Fatalf("token after a role change: %d, want 401", status)
		}
		again := s.session(people.RoleWriter)
		if status, _, _ := admin.post("/newsroom/people/"+itoa(w.ID), url.Values{"role": {"editor"}, "disabled": {"on"}, "bureau_id": {"0"}}); status != http.StatusSeeOther {
			t.Fatalf("disable: %d", status)
		}
		if status, _, _ := again.get("/newsroom/"); status != http.StatusSeeOther {
			t.Fatalf("session after disabling: %d", status)
		}
		if status, _, _ := s.anonymous().post("/newsroom/login", url.Values{"email": {w.Email}, "password": {testPassword}}); status != http.StatusUnauthorized {
			t.Fatalf("a disabled person signed in: %d", status)
		}
		// An admin cannot lock themselves out.
		if status, _, _ := admin.post("/newsroom/people/"+itoa(s.people[people.RoleAdmin].ID), url.Values{"role": {"writer"}}); status != http.StatusUnprocessableEntity {
			t.Fatalf("admin demoting themselves: %d, want 422", status)
		}
	})
}

func TestInviteAndPasswordReset(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		admin := s.session(people.RoleAdmin)
		status, _, body := admin.post("/newsroom/people", url.Values{"name": {"Nia Invitee"}, "email": {"nia@test.example"}, "role": {"writer"}})
		if status != http.StatusOK || !strings.Contains(body, "/newsroom/invite/") {
			t.Fatalf("invite: %d", status)
		}
		link := body[strings.Index(body, "/newsroom/invite/"):]
		link = link[:strings.IndexAny(link, "<\" ")]
		b := s.anonymous()
		if status, _, _ := b.post(link, url.Values{"password": {"short"}, "confirm": {"short"}}); status != http.StatusUnprocessableEntity {
			t.Fatalf("short password: %d", status)
		}
		if status, _, _ := b.post(link, url.Values{"password": {"nia's long password"}, "confirm": {"nia's long password"}}); status != http.StatusSeeOther {
			t.Fatalf("accept: %d", status)
		}
		if status, _, _ := b.get("/newsroom/"); status != http.StatusOK {
			t.Fatalf("signed in after accepting: %d", status)
		}
		if status, _, _ := s.anonymous().post(link, url.Values{"password": {"another long one"}, "confirm": {"another long one"}}); status != http.StatusNotFound {
			t.Fatalf("second use of an invite: %d, want 404", status)
		}
		nia, err := s.store.PersonByEmail(context.Background(), "nia@test.example")
		if err != nil {
			t.Fatal(err)
		}
		if status, _, _ := admin.post("/newsroom/people/"+itoa(nia.ID)+"/reset", url.Values{}); status != http.StatusOK {
			t.Fatalf("reset: %d", status)
		}
		if status, _, _ := b.get("/newsroom/"); status != http.StatusSeeOther {
			t.Fatal("a password reset left the old session alive")
		}
		if status, _, _ := s.anonymous().post("/newsroom/login", url.Values{"email": {"nia@test.example"}, "password": {"nia's long password"}}); status != http.StatusUnauthorized {
			t.Fatal("the old password still works after a reset")
		}
	})
}
