package newsroom_test

import (
	"regexp"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestStoryListForABusyDesk: the start page gives each role its queues (an
// editor's: waiting for review, scheduled in the next 24 hours, their drafts,
// recently published; a writer's: their drafts and stories in review); the list
// has author and section columns, relative times with the exact time for screen
// readers and in a tooltip, a scheduled story's publication time apart from its
// last change, filters by section, author, state, "mine" and headline, and the
// navigation marks the page.
func TestStoryListForABusyDesk(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		st := s.Demo.Stories
		editor := s.Session(people.RoleEditor)
		_, _, page := editor.Get("/newsroom/")
		for _, want := range []string{"Waiting for review", "Scheduled in the next 24 hours", "Your drafts", "Recently published",
			`<a href="/newsroom/" aria-current="page">Stories</a>`, ">Author<", ">Section<", " ago", `class="visually-hidden"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the editor's start page lacks %q", want)
			}
		}
		// The scheduled story: "publishes in 12 h" in its state, its last change in the past.
		row := regexp.MustCompile(`(?s)<tr[^>]*>\s*<td>` + sitetest.Itoa(st["embargoed"].ID) + `</td>.*?</tr>`).FindString(page)
		if !regexp.MustCompile(`Publishes <time[^>]*>in 1\d h`).MatchString(row) || !strings.Contains(row, " ago") || !strings.Contains(row, "lvarez") {
			t.Errorf("the scheduled story's row = %s", row)
		}
		if strings.Contains(page, "Last change") && regexp.MustCompile(`(?s)last-change[^<]*<time[^>]*>in `).MatchString(row) {
			t.Error("the scheduled story's last change is in the future")
		}

		filtered := func(query string) string {
			t.Helper()
			_, _, page := editor.Get("/newsroom/?" + query)
			return page
		}
		business := filtered("section=" + sitetest.Itoa(st["containers"].SectionID))
		if !strings.Contains(business, st["containers"].Headline) || strings.Contains(business, st["ferries"].Headline) {
			t.Error("the section filter does not keep to the section")
		}
		if strings.Contains(business, "Waiting for review") {
			t.Error("a filtered list still shows the start page's queues")
		}
		byAuthor := filtered("author=" + sitetest.Itoa(st["customs"].AuthorIDs[0]))
		if !strings.Contains(byAuthor, st["customs"].Headline) || strings.Contains(byAuthor, st["containers"].Headline) {
			t.Error("the author filter does not keep to the author")
		}
		if got := filtered("q=ferries&state=published"); !strings.Contains(got, st["ferries"].Headline) ||
			strings.Contains(got, st["corals"].Headline) {
			t.Error("search with a state does not keep to the words")
		}

		writer := s.Session(people.RoleWriter)
		_, _, page = writer.Get("/newsroom/")
		if !strings.Contains(page, "Your drafts") || !strings.Contains(page, "Your stories in review") ||
			strings.Contains(page, "Waiting for review") {
			t.Error("the writer's start page does not show a writer's queues")
		}
	})
}
