package newsroom_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

func TestLoginSessionAndLogout(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		b := s.Anonymous()
		status, header, _ := b.Post(
			"/newsroom/login",
			url.Values{"email": {"EDITOR@test.example"}, "password": {sitetest.Password}, "next": {"/newsroom/fronts"}},
		)
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
		if status, _, body := b.Get("/newsroom/"); status != http.StatusOK || !strings.Contains(body, "Test editor") {
			t.Fatalf("signed-in story list: %d", status)
		}
		_, _, page := b.Get("/newsroom/stories/new")
		b.CSRF = sitetest.CSRFField.FindStringSubmatch(page)[1]
		if status, _, _ := b.Post("/newsroom/logout", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("logout: %d", status)
		}
		if status, _, _ := b.Get("/newsroom/"); status != http.StatusSeeOther {
			t.Fatalf("after logout: %d, want a redirect to sign in", status)
		}
		// An open redirect through ?next= is refused.
		status, header, _ = s.Anonymous().
			Post("/newsroom/login", url.Values{"email": {"editor@test.example"}, "password": {sitetest.Password}, "next": {"//evil.example/"}})
		if status != http.StatusSeeOther || header.Get("Location") != "/newsroom/" {
			t.Fatalf("next=//evil.example: %d → %q", status, header.Get("Location"))
		}
	})
}

func TestSecureCookieBehindTrustedTLSProxy(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		site, _ := s.Store.Site(context.Background())
		site.TrustedProxies = "127.0.0.1"
		if err := s.Store.SaveSite(context.Background(), site); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(
			http.MethodPost,
			s.HTTP.URL+"/newsroom/login",
			strings.NewReader(url.Values{"email": {"writer@test.example"}, "password": {sitetest.Password}}.Encode()),
		)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-Proto", "https")
		req.Header.Set("X-Forwarded-For", "203.0.113.9")
		status, header, _ := s.Anonymous().Do(req)
		if status != http.StatusSeeOther || !strings.Contains(header.Get("Set-Cookie"), "Secure") {
			t.Fatalf("behind a TLS proxy: %d, cookie %q", status, header.Get("Set-Cookie"))
		}
		log, _, _ := s.Store.AuditLog(context.Background(), 1, 0)
		if log[0].Action != "person.signin" || log[0].IP != "203.0.113.9" {
			t.Fatalf("audit of the sign-in = %+v, want the client address from X-Forwarded-For", log[0])
		}
	})
}

// trustLoopbackProxy makes the test client a trusted proxy, so each request can come
// "from" the address in its X-Forwarded-For header.
func trustLoopbackProxy(t *testing.T, s *sitetest.Site) {
	site, _ := s.Store.Site(context.Background())
	site.TrustedProxies = "127.0.0.1"
	if err := s.Store.SaveSite(context.Background(), site); err != nil {
		t.Fatal(err)
	}
}

// signInFrom posts the sign-in form as a client at addr (through the trusted proxy).
func signInFrom(s *sitetest.Site, addr, email, password string) int {
	req, _ := http.NewRequest(
		http.MethodPost,
		s.HTTP.URL+"/newsroom/login",
		strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()),
	)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", addr)
	status, _, _ := s.Anonymous().Do(req)
	return status
}

func TestLoginThrottling(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		trustLoopbackProxy(t, s)
		for i := range 10 {
			if status := signInFrom(s, "198.51.100.7", "writer@test.example", "wrong password!"); status != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d", i+1, status)
			}
		}
		req, _ := http.NewRequest(
			http.MethodPost,
			s.HTTP.URL+"/newsroom/login",
			strings.NewReader(url.Values{"email": {"writer@test.example"}, "password": {sitetest.Password}}.Encode()),
		)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", "198.51.100.7")
		status, header, _ := s.Anonymous().Do(req)
		if status != http.StatusTooManyRequests || header.Get("Retry-After") == "" {
			t.Fatalf("after 10 failures even the right password: %d, Retry-After %q; want 429", status, header.Get("Retry-After"))
		}
		// The attacker cannot lock the writer out: from the writer's own address the
		// right password still works, and the attacker's address may still sign in
		// to other accounts.
		if status := signInFrom(s, "203.0.113.50", "writer@test.example", sitetest.Password); status != http.StatusSeeOther {
			t.Fatalf("the account's owner from another address: %d, want 303", status)
		}
		if status := signInFrom(s, "198.51.100.7", "editor@test.example", sitetest.Password); status != http.StatusSeeOther {
			t.Fatalf("same address, other account: %d, want 303", status)
		}
		// Past the window, sign-in works again.
		s.Clock.Set(s.Clock.Now().Add(16 * time.Minute))
		if status := signInFrom(s, "198.51.100.7", "writer@test.example", sitetest.Password); status != http.StatusSeeOther {
			t.Fatalf("after the window: %d", status)
		}
		// Nothing about the clients is stored in the clear.
		for _, table := range []string{"attempt_counters", "rate_events"} {
			var n int
			if err := s.Store.DB().QueryRow("SELECT COUNT(*) FROM " + table + " WHERE key LIKE '%198.51.100.7%' OR key LIKE '%@test.example%'").Scan(&n); err != nil ||
				n != 0 {
				t.Fatalf("%s holds %d raw addresses or emails (%v)", table, n, err)
			}
		}
	})
}

// TestSignInThrottleIsAtomicAndHashesOnce: 30 parallel wrong passwords against a
// limit of 10 are 10 checks and 20 refusals, and every attempt that passes the
// throttle computes exactly one password hash, whatever the account's state.
func TestSignInThrottleIsAtomicAndHashesOnce(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		before := s.Hasher.Calls()
		statuses := make([]int, 30)
		var wg sync.WaitGroup
		for i := range statuses {
			wg.Go(func() {
				statuses[i], _, _ = s.Anonymous().Post("/newsroom/login", url.Values{"email": {"writer@test.example"}, "password": {"wrong password!"}})
			})
		}
		wg.Wait()
		count := map[int]int{}
		for _, st := range statuses {
			count[st]++
		}
		if count[http.StatusUnauthorized] != 10 || count[http.StatusTooManyRequests] != 20 {
			t.Fatalf("30 parallel wrong passwords: %v, want 10 × 401 and 20 × 429", count)
		}
		if n := s.Hasher.Calls() - before; n != 10 {
			t.Fatalf("%d password hashes for 10 attempts past the throttle", n)
		}

		invited := people.Person{Name: "Invited Person", Slug: "invited-person", Email: "invited@test.example", Role: people.RoleWriter}
		disabled := people.Person{Name: "Gone Person", Slug: "gone-person", Email: "gone@test.example", Role: people.RoleWriter}
		for _, p := range []*people.Person{&invited, &disabled} {
			if err := s.Store.CreatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		hash, _ := auth.HashPassword(sitetest.Password)
		s.Store.SetPassword(ctx, disabled.ID, hash)
		disabled.Disabled = true
		if err := s.Store.UpdatePerson(ctx, disabled); err != nil {
			t.Fatal(err)
		}
		for i, email := range []string{"editor@test.example", "invited@test.example", "gone@test.example", "nobody@test.example", ""} {
			before := s.Hasher.Calls()
			s.Anonymous().Post("/newsroom/login", url.Values{"email": {email}, "password": {"some password " + sitetest.Itoa(int64(i))}})
			if n := s.Hasher.Calls() - before; n != 1 {
				t.Errorf("sign-in as %q computed %d hashes, want exactly 1", email, n)
			}
		}
	})
}

func TestDisablingOrChangingRoleEndsAccess(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		admin := s.Session(people.RoleAdmin)
		writer := s.Session(people.RoleWriter)
		token := s.Token(people.RoleWriter)
		w := s.People[people.RoleWriter]
		if status, _ := s.API(token, "GET", "/api/admin/v1/stories", ""); status != http.StatusOK {
			t.Fatalf("token before: %d", status)
		}
		status, _, _ := admin.Post("/newsroom/people/"+sitetest.Itoa(w.ID), url.Values{"role": {"editor"}, "title": {""}, "bureau_id": {"0"}})
		if status != http.StatusSeeOther {
			t.Fatalf("role change: %d", status)
		}
		if status, _, _ := writer.Get("/newsroom/"); status != http.StatusSeeOther {
			t.Fatalf("session after a role change: %d, want it ended", status)
		}
		if status, _ := s.API(token, "GET", "/api/admin/v1/stories", ""); status != http.StatusUnauthorized {
			t.Fatalf("token after a role change: %d, want 401", status)
		}
		again := s.Session(people.RoleWriter)
		status, _, _ = admin.Post("/newsroom/people/"+sitetest.Itoa(w.ID), url.Values{"role": {"editor"}, "disabled": {"on"}, "bureau_id": {"0"}})
		if status != http.StatusSeeOther {
			t.Fatalf("disable: %d", status)
		}
		if status, _, _ := again.Get("/newsroom/"); status != http.StatusSeeOther {
			t.Fatalf("session after disabling: %d", status)
		}
		status, _, _ = s.Anonymous().Post("/newsroom/login", url.Values{"email": {w.Email}, "password": {sitetest.Password}})
		if status != http.StatusUnauthorized {
			t.Fatalf("a disabled person signed in: %d", status)
		}
		// An admin cannot lock themselves out.
		status, _, _ = admin.Post("/newsroom/people/"+sitetest.Itoa(s.People[people.RoleAdmin].ID), url.Values{"role": {"writer"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("admin demoting themselves: %d, want 422", status)
		}
	})
}

func TestInviteAndPasswordReset(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		admin := s.Session(people.RoleAdmin)
		status, _, body := admin.Post("/newsroom/people", url.Values{"name": {"Nia Invitee"}, "email": {"nia@test.example"}, "role": {"writer"}})
		if status != http.StatusOK || !strings.Contains(body, "/newsroom/invite/") {
			t.Fatalf("invite: %d", status)
		}
		at := strings.Index(body, "/newsroom/invite/")
		if at < 0 {
			t.Fatal("no invitation link on the page")
		}
		link := body[at:]
		link = link[:strings.IndexAny(link, "<\" ")]
		b := s.Anonymous()
		if status, _, _ := b.Post(link, url.Values{"password": {"short"}, "confirm": {"short"}}); status != http.StatusUnprocessableEntity {
			t.Fatalf("short password: %d", status)
		}
		status, _, _ = b.Post(link, url.Values{"password": {"nia's long password"}, "confirm": {"nia's long password"}})
		if status != http.StatusSeeOther {
			t.Fatalf("accept: %d", status)
		}
		if status, _, _ := b.Get("/newsroom/"); status != http.StatusOK {
			t.Fatalf("signed in after accepting: %d", status)
		}
		status, _, _ = s.Anonymous().Post(link, url.Values{"password": {"another long one"}, "confirm": {"another long one"}})
		if status != http.StatusNotFound {
			t.Fatalf("second use of an invite: %d, want 404", status)
		}
		nia, err := s.Store.PersonByEmail(context.Background(), "nia@test.example")
		if err != nil {
			t.Fatal(err)
		}
		if status, _, _ := admin.Post("/newsroom/people/"+sitetest.Itoa(nia.ID)+"/reset", url.Values{}); status != http.StatusOK {
			t.Fatalf("reset: %d", status)
		}
		if status, _, _ := b.Get("/newsroom/"); status != http.StatusSeeOther {
			t.Fatal("a password reset left the old session alive")
		}
		status, _, _ = s.Anonymous().Post("/newsroom/login", url.Values{"email": {"nia@test.example"}, "password": {"nia's long password"}})
		if status != http.StatusUnauthorized {
			t.Fatal("the old password still works after a reset")
		}
	})
}

// linkIn finds the one-time link a people page shows.
func linkIn(t *testing.T, body string) string {
	i := strings.Index(body, "/newsroom/invite/")
	if i < 0 {
		t.Fatal("no one-time link on the page")
	}
	link := body[i:]
	return link[:strings.IndexAny(link, "<\" ")]
}

// TestOneTimeLinksAreOneTime: a newer link revokes the older ones, a reset link
// expires after an hour and an invitation after 7 days (the page says when), a
// made-up link costs no password hash, and one address cannot try links without end.
func TestOneTimeLinksAreOneTime(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		admin := s.Session(people.RoleAdmin)
		_, _, body := admin.Post("/newsroom/people", url.Values{"name": {"Ola Invitee"}, "email": {"ola@test.example"}, "role": {"writer"}})
		first := linkIn(t, body)
		if !strings.Contains(body, "expires November 27, 2026, 10:00 a.m. EST") {
			t.Errorf("the invitation does not say it expires in 7 days")
		}
		ola, _ := s.Store.PersonByEmail(context.Background(), "ola@test.example")
		_, _, body = admin.Post("/newsroom/people/"+sitetest.Itoa(ola.ID)+"/reset", url.Values{})
		reset := linkIn(t, body)
		_, _, list := admin.Get("/newsroom/people")
		if !strings.Contains(list, "Reset link sent, expires") {
			t.Error("the people page does not show the pending reset and when it expires")
		}
		choose := url.Values{"password": {"ola's long password"}, "confirm": {"ola's long password"}}
		if status, _, _ := s.Anonymous().Post(first, choose); status != http.StatusNotFound {
			t.Fatalf("the older invitation after a reset was issued: %d, want 404", status)
		}
		// A reset link lasts an hour.
		s.Clock.Set(s.Clock.Now().Add(61 * time.Minute))
		if status, _, _ := s.Anonymous().Post(reset, choose); status != http.StatusNotFound {
			t.Fatalf("a reset link after 61 minutes: %d, want 404", status)
		}
		admin = s.Session(people.RoleAdmin) // the test session lasted an hour too
		_, _, body = admin.Post("/newsroom/people/"+sitetest.Itoa(ola.ID)+"/reset", url.Values{})
		reset = linkIn(t, body)
		if status, _, _ := s.Anonymous().Post(reset, choose); status != http.StatusSeeOther {
			t.Fatalf("a fresh reset link: %d", status)
		}
		if status, _, _ := s.Anonymous().Post(reset, choose); status != http.StatusNotFound {
			t.Fatalf("the reset link used twice: %d", status)
		}
		// Made-up links: no password work, and the address is throttled.
		before := s.Hasher.Calls()
		saw429 := false
		for i := range 25 {
			status, _, _ := s.Anonymous().Post("/newsroom/invite/made-up-"+sitetest.Itoa(int64(i)), choose)
			if status == http.StatusTooManyRequests {
				saw429 = true
				break
			}
			if status != http.StatusNotFound {
				t.Fatalf("made-up link: %d", status)
			}
		}
		if n := s.Hasher.Calls() - before; n != 0 || !saw429 {
			t.Fatalf("made-up links: %d hashes computed, throttled %v", n, saw429)
		}
	})
}
