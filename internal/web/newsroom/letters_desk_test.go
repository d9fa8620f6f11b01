package newsroom_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestLettersDeskForSpeed: each message has one-click Publish, Feature, Reject and
// Spam forms that work without JavaScript; the tabs count their messages; the bulk
// action starts at nothing and says what it does; a bulk move made from a tab
// another editor has changed since moves only the messages still there, and says
// how many it left alone; "1 message", not "1 messages".
func TestLettersDeskForSpeed(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		st := s.Demo.Stories["ferries"]
		add := func(name, text string) int64 {
			t.Helper()
			m := letters.Message{StoryID: st.ID, Kind: letters.KindComment, Name: name, Text: text, State: letters.StatePending,
				IPHash: "hash-" + name, CreatedAt: s.Clock.Now()}
			if err := s.Store.CreateMessage(ctx, &m); err != nil {
				t.Fatal(err)
			}
			return m.ID
		}
		state := func(id int64) letters.State {
			t.Helper()
			m, err := s.Store.MessageByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return m.State
		}
		editor := s.Session(people.RoleEditor)
		_, _, base := editor.Get("/newsroom/letters?state=pending")
		pending := countOf(t, base, "pending")

		a, b, c := add("Ana", "First thought."), add("Bo", "Second thought."), add("Cy", "Third thought.")
		_, _, page := editor.Get("/newsroom/letters?state=pending")
		if got := countOf(t, page, "pending"); got != pending+3 {
			t.Errorf("the pending tab counts %d, want %d", got, pending+3)
		}
		for _, want := range []string{`<option value="" selected>Choose an action</option>`, "Publish the ticked messages",
			`aria-keyshortcuts`, "Keyboard: j next"} {
			if !strings.Contains(page, want) {
				t.Errorf("the desk lacks %q", want)
			}
		}
		if n := len(regexp.MustCompile(`<form[^>]+class="row-actions"`).FindAllString(page, -1)); n < 3 {
			t.Errorf("%d one-click action forms, want one per message", n)
		}

		// One click: publish a.
		status, h, _ := editor.Post("/newsroom/letters", url.Values{"id": {sitetest.Itoa(a)}, "to": {"published"}, "from": {"pending"},
			"return": {"/newsroom/letters?state=pending"}})
		if status != http.StatusSeeOther || state(a) != letters.StatePublished || !strings.Contains(h.Get("Location"), "Published+1+message") {
			t.Fatalf("one-click publish: %d %s, state %s", status, h.Get("Location"), state(a))
		}

		// Another editor rejects b; this editor, still on the old page, marks b and c as spam.
		editor.Post("/newsroom/letters", url.Values{"id": {sitetest.Itoa(b)}, "to": {"rejected"}, "from": {"pending"}})
		status, h, _ = editor.Post("/newsroom/letters", url.Values{"id": {sitetest.Itoa(b), sitetest.Itoa(c)}, "to": {"spam"},
			"from":   {"pending"},
			"return": {"/newsroom/letters?state=pending"}})
		if status != http.StatusSeeOther || state(b) != letters.StateRejected || state(c) != letters.StateSpam {
			t.Fatalf("bulk spam: %d, b %s, c %s (want b left rejected, c spam)", status, state(b), state(c))
		}
		if loc, _ := url.QueryUnescape(h.Get("Location")); !strings.Contains(loc, "Marked 1 message as spam") ||
			!strings.Contains(loc, "1 had been moved by someone else meanwhile and was left alone") {
			t.Errorf("the bulk report = %q", loc)
		}

		// No action chosen: refused, nothing moved.
		none := url.Values{"id": {sitetest.Itoa(c)}, "to": {""}}
		if status, _, _ := editor.Post("/newsroom/letters", none); status != http.StatusUnprocessableEntity ||
			state(c) != letters.StateSpam {
			t.Fatalf("a bulk action without an action: %d", status)
		}

		_, _, page = editor.Get("/newsroom/letters?state=spam")
		if !regexp.MustCompile(`\b1 message\b`).MatchString(page) || strings.Contains(page, "1 messages") {
			t.Error("the spam tab does not say “1 message”")
		}
	})
}

// countOf reads the count a letters tab shows, as in "pending (4)".
func countOf(t *testing.T, page, state string) int {
	t.Helper()
	m := regexp.MustCompile(`state=` + state + `"[^>]*>` + state + ` <span class="count">\((\d+)\)</span>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the %s tab shows no count", state)
	}
	n := 0
	for _, d := range m[1] {
		n = n*10 + int(d-'0')
	}
	return n
}
