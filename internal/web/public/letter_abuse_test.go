package public_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/letters"
	"dateline/internal/settings"
	"dateline/internal/web/public"
)

func (s *site) messages(t *testing.T, q letters.Query) []letters.Message {
	t.Helper()
	list, _, err := s.store.Messages(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func (s *site) setSite(t *testing.T, change func(*settings.Site)) {
	t.Helper()
	site, err := s.store.Site(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	change(&site)
	if err := s.store.SaveSite(context.Background(), site); err != nil {
		t.Fatal(err)
	}
}

func TestLetterAbuseDefences(t *testing.T) {
	eachEngineWith(t, func(c *public.Config) { c.MinFillTime = 3 * time.Second; c.LetterLimit = 100 }, func(t *testing.T, s *site) {
		ferries := s.demo.Stories["ferries"]
		before := len(s.messages(t, letters.Query{}))

		// Robots: the honeypot is thanked and forgotten; an instant post is sent back.
		trap := letterForm(ferries.ID, "comment")
		trap.Set("website", "http://spam.example")
		if status, _, body := s.post(trap, sameSite); status != http.StatusOK || !strings.Contains(body, "Thank you") {
			t.Fatalf("honeypot: %d", status)
		}
		quick := letterForm(ferries.ID, "comment")
		quick.Set("text", "Typed in no time at all.")
		status, _, body := s.post(quick, sameSite)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "That was quick") ||
			!strings.Contains(body, "Typed in no time at all.</textarea>") {
			t.Fatalf("instant post: %d (the reader's text must come back in the form)", status)
		}
		if n := len(s.messages(t, letters.Query{})); n != before {
			t.Fatalf("robots' posts were stored: %d messages, want %d", n, before)
		}

		// A person who took their time gets through; the same text again does not.
		human := letterForm(ferries.ID, "comment")
		human.Set("text", "I read it twice before sending.")
		_, _, page := s.get(s.storyPath("ferries"))
		human.Set("started", startedField.FindStringSubmatch(page)[1])
		s.advance(5 * time.Second)
		if status, _, _ := s.post(human, sameSite); status != http.StatusOK {
			t.Fatalf("a patient reader: %d", status)
		}
		again := letterForm(ferries.ID, "comment")
		again.Set("text", "I read it twice before sending.")
		_, _, page = s.get("/contact/")
		again.Set("started", startedField.FindStringSubmatch(page)[1])
		s.advance(5 * time.Second)
		if status, _, body := s.post(again, sameSite); status != http.StatusUnprocessableEntity || !strings.Contains(body, "already sent") {
			t.Fatalf("duplicate: %d", status)
		}

		// Blocked words go to spam; post-moderation publishes at once.
		s.setSite(t, func(site *settings.Site) { site.BlockedWords = "Casino, lottery"; site.CommentsPremoderated = false })
		spam := letterForm(ferries.ID, "comment")
		spam.Set("text", "Win big at the CASINO tonight")
		spam.Set("started", startedField.FindStringSubmatch(page)[1])
		s.advance(5 * time.Second)
		if status, _, _ := s.post(spam, sameSite); status != http.StatusOK {
			t.Fatalf("blocked word: %d", status)
		}
		if got := s.messages(t, letters.Query{State: letters.StateSpam}); len(got) != 1 || !strings.Contains(got[0].Text, "CASINO") {
			t.Fatalf("spam = %+v", got)
		}
		open := letterForm(ferries.ID, "comment")
		open.Set("text", "Published without waiting.")
		open.Set("started", startedField.FindStringSubmatch(page)[1])
		if status, _, _ := s.post(open, sameSite); status != http.StatusOK {
			t.Fatalf("post-moderated comment: %d", status)
		}
		if _, _, story := s.get(s.storyPath("ferries")); !strings.Contains(story, "Published without waiting.") {
			t.Fatal("with post-moderation the comment is not on the page at once")
		}

		// Comments close a set number of days after publication.
		s.setSite(t, func(site *settings.Site) { site.CommentsCloseDays = 1 })
		_, _, robots := s.get(s.storyPath("robots")) // published 30 hours before
		if !strings.Contains(robots, "Comments are closed for this story.") || strings.Contains(robots, `name="kind" value="comment"`) {
			t.Fatal("comments did not close after a day")
		}
		late := letterForm(s.demo.Stories["robots"].ID, "comment")
		late.Set("text", "Too late?")
		late.Set("started", startedField.FindStringSubmatch(page)[1])
		if status, _, _ := s.post(late, sameSite); status != http.StatusForbidden {
			t.Fatalf("a comment after closing: %d, want 403", status)
		}
	})
}

// TestLetterAddressesAndFlood: behind a trusted proxy each reader is known by a
// salted hash of their address (never the address); a story taking too many
// comments from everyone at once is held off with 429.
func TestLetterAddressesAndFlood(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		s.setSite(t, func(site *settings.Site) { site.TrustedProxies = "127.0.0.1" })
		ferries := s.demo.Stories["ferries"]
		from := func(ip string, text string) int {
			f := letterForm(ferries.ID, "comment")
			f.Set("text", text)
			status, _, _ := s.post(f, map[string]string{"Sec-Fetch-Site": "same-origin", "X-Forwarded-For": ip})
			return status
		}
		if from("198.51.100.7", "first") != 200 || from("198.51.100.7", "second") != 200 || from("203.0.113.9", "third") != 200 {
			t.Fatal("posts from readers behind the proxy failed")
		}
		list := s.messages(t, letters.Query{StoryID: ferries.ID, State: letters.StatePending})
		hashes := map[string]string{}
		for _, m := range list {
			if m.Text != "first" && m.Text != "second" && m.Text != "third" {
				continue // the demo's own pending comments
			}
			if strings.Contains(m.IPHash, "198.51") || m.IPHash == "" {
				t.Fatalf("stored address hash %q", m.IPHash)
			}
			hashes[m.Text] = m.IPHash
		}
		if hashes["first"] != hashes["second"] || hashes["first"] == hashes["third"] {
			t.Fatalf("address hashes do not tell readers apart: %v", hashes)
		}
		// 30 comments from 30 readers are fine; the 31st in ten minutes is not.
		for i := 3; i < 30; i++ {
			if status := from("192.0.2."+strconv.Itoa(i), "reader "+strconv.Itoa(i)); status != 200 {
				t.Fatalf("comment %d: %d", i+1, status)
			}
		}
		f := letterForm(ferries.ID, "comment")
		f.Set("text", "one too many")
		status, header, _ := s.post(f, map[string]string{"Sec-Fetch-Site": "same-origin", "X-Forwarded-For": "192.0.2.200"})
		if status != http.StatusTooManyRequests || header.Get("Retry-After") == "" {
			t.Fatalf("the 31st comment on one story: %d", status)
		}
		// Without a trusted proxy the header is ignored: every post is from 127.0.0.1.
		s.setSite(t, func(site *settings.Site) { site.TrustedProxies = "" })
		for i := range 6 {
			f := letterForm(0, "private")
			f.Set("story", "0")
			f.Set("text", "private "+strconv.Itoa(i))
			status, _, _ := s.post(f, map[string]string{"Sec-Fetch-Site": "same-origin", "X-Forwarded-For": "10.9.9." + strconv.Itoa(i)})
			if i < 5 && status != 200 || i == 5 && status != http.StatusTooManyRequests {
				t.Fatalf("private message %d with a spoofed address: %d", i+1, status)
			}
		}
	})
}

func TestContactPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		doc := s.page("/contact/")
		if got := text(one(t, doc, "h1", byTag("h1"))); got != "Contact the newsroom" {
			t.Fatalf("h1 = %q", got)
		}
		if strings.Contains(text(doc), "A comment for publication") || strings.Contains(text(doc), "correction") {
			t.Fatal("the general contact page offers comments or corrections")
		}
		about := s.page("/contact/?story=" + strconv.FormatInt(s.demo.Stories["customs"].ID, 10))
		if !strings.Contains(text(about), "A correction request about this story") ||
			!strings.Contains(text(about), s.demo.Stories["customs"].Headline) {
			t.Fatal("the contact page about a story offers no correction request")
		}
		tip := url.Values{"story": {"0"}, "kind": {"tip"}, "name": {"Tipster"}, "email": {"tips@example.com"}, "text": {"Look at the harbour."}}
		if status, _, _ := s.post(tip, sameSite); status != http.StatusOK {
			t.Fatalf("news tip: %d", status)
		}
		got := s.messages(t, letters.Query{})
		if got[0].Kind != letters.KindTip || got[0].StoryID != 0 {
			t.Fatalf("tip stored as %+v", got[0])
		}
		noEmail := url.Values{"story": {"0"}, "kind": {"tip"}, "name": {"Tipster"}, "text": {"No address."}}
		if status, _, body := s.post(noEmail, sameSite); status != 422 || !strings.Contains(body, "give your email") ||
			!strings.Contains(body, "No address.</textarea>") {
			t.Fatalf("tip without an email: %d", status)
		}
	})
}
