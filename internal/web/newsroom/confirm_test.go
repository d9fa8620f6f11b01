package newsroom_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/sitetest"
	"dateline/internal/story"
	"dateline/internal/wire"
)

// TestSecondStepBeforeActionsReadersSee: publishing wire copy as is, unpublishing,
// deleting messages and erasing a reader each show a page that says what will
// happen, change nothing, and carry the form forward; only its button acts. The
// page works without JavaScript (a form, not a confirm() dialog).
func TestSecondStepBeforeActionsReadersSee(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		editor, admin := s.Session(people.RoleEditor), s.Session(people.RoleAdmin)
		s.IngestFile("../../ingest/testdata/storm-v1.json")
		entries, err := s.Store.WireEntries(ctx, wire.Filter{})
		if err != nil || len(entries) == 0 {
			t.Fatalf("no wire entry: %v", err)
		}
		ferries := s.Demo.Stories["ferries"]
		msg := letters.Message{StoryID: ferries.ID, Kind: letters.KindComment, Name: "Dee", Email: "dee@example.com", Text: "Hello.",
			State: letters.StatePending, IPHash: "h", CreatedAt: s.Clock.Now()}
		if err := s.Store.CreateMessage(ctx, &msg); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name, path, heading string
			b                   *sitetest.Browser
			form                url.Values
			unchanged           func() bool
		}{
			{"publish as is", fmt.Sprintf("/newsroom/wire/%d/use", entries[0].ID), "as is?", editor,
				url.Values{"section": {"world"}, "mode": {"publish"}},
				func() bool { uses, _ := s.Store.WireUses(ctx, entries[0].ID); return len(uses) == 0 }},
			{"unpublish", "/newsroom/stories/" + sitetest.Itoa(ferries.ID) + "/transition", "Unpublish", editor,
				url.Values{"to": {"unpublished"}},
				func() bool { st, _ := s.Store.StoryByID(ctx, ferries.ID); return st.State == story.StatePublished }},
			{"delete messages", "/newsroom/letters", "Delete 1 message for good?", admin,
				url.Values{"id": {sitetest.Itoa(msg.ID)}, "delete": {"yes"}},
				func() bool { _, err := s.Store.MessageByID(ctx, msg.ID); return err == nil }},
			{"erase a reader", "/newsroom/letters/erase", "Erase dee@example.com", editor,
				url.Values{"email": {"dee@example.com"}},
				func() bool { m, _ := s.Store.MessageByID(ctx, msg.ID); return m.Email == "dee@example.com" }},
		}
		for _, c := range cases {
			status, _, page := c.b.Post(c.path, c.form)
			if status != http.StatusOK || !strings.Contains(page, c.heading) || !strings.Contains(page, `name="confirm" value="1"`) ||
				!strings.Contains(page, `class="danger"`) {
				t.Errorf("%s: the first step answered %d without its confirmation page", c.name, status)
			}
			for name := range c.form {
				if name != "csrf" && !strings.Contains(page, `name="`+name+`" value="`+c.form.Get(name)+`"`) {
					t.Errorf("%s: the confirmation page does not carry %s forward", c.name, name)
				}
			}
			if !c.unchanged() {
				t.Errorf("%s: the first step already acted", c.name)
			}
		}
		for _, c := range cases[:2] {
			c.form.Set("confirm", "1")
			c.form.Del("csrf")
			if status, _, _ := c.b.Post(c.path, c.form); status != http.StatusSeeOther || c.unchanged() {
				t.Errorf("%s: confirmed, it answered %d and did not act", c.name, status)
			}
		}
	})
}
