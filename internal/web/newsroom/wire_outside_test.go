package newsroom_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/internal/people"
	"dateline/internal/sitetest"
	"dateline/internal/wire"
)

// TestEmbargoAndWarningsInTheQueue: the queue marks embargoed copy and copy read
// with warnings; the item's page lists the warnings; "Publish as is" before the
// embargo schedules the story for it; a draft made from it shows the embargo and
// offers it as the schedule.
func TestEmbargoAndWarningsInTheQueue(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		lifts := s.Clock.Now().Add(5 * time.Hour).UTC().Truncate(time.Minute)
		doc := `{"uri": "urn:example:budget", "type": "text", "headline": "Budget figures", "copyrightholder": "Eastern Wire",
			"body_text": "Spending rises.", "urgency": "high", "embargoed": "` + lifts.Format(time.RFC3339) + `"}`
		path := filepath.Join(t.TempDir(), "budget.json")
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		s.IngestFile(path)
		e, err := s.Store.WireEntryByKey(context.Background(), "Eastern Wire", "urn:example:budget")
		if err != nil {
			t.Fatal(err)
		}
		editor := s.SignIn(people.RoleEditor)
		_, _, queue := editor.Get("/newsroom/wire")
		if !strings.Contains(queue, "EMBARGOED until") || !strings.Contains(queue, "1 field left out") {
			t.Fatal("the queue marks neither the embargo nor the warning")
		}
		item := fmt.Sprintf("/newsroom/wire/%d", e.ID)
		_, _, page := editor.Get(item)
		if !strings.Contains(page, `urgency &#34;high&#34; is not a whole number; left out`) || !strings.Contains(page, "Schedule as is for the embargo") {
			t.Fatalf("the item page lacks its warning or the embargo's button: %.2000s", page)
		}
		draft := sitetest.UseWire(t, editor, e.ID, "draft")
		if _, _, edit := editor.Get(draft); !strings.Contains(edit, "embargo lifts at") ||
			!strings.Contains(edit, `value="`+lifts.In(mustZone(t, "America/New_York")).Format("2006-01-02T15:04")+`"`) {
			t.Fatal("the draft's editor neither shows the embargo nor offers it as the schedule")
		}
		status, h, _ := editor.Post(item+"/use", url.Values{"section": {"world"}, "mode": {"publish"}, "confirm": {"1"}})
		if status != http.StatusSeeOther {
			t.Fatalf("publish as is: %d", status)
		}
		if _, _, edit := editor.Get(strings.SplitN(h.Get("Location"), "?", 2)[0]); !strings.Contains(edit, "Embargoed until") {
			t.Fatal("published as is before the embargo, the story is not held")
		}
		if list, _ := s.Store.WireEntries(context.Background(), wire.Filter{}); len(list) == 0 {
			t.Fatal("the queue is empty")
		}
	})
}

func mustZone(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
