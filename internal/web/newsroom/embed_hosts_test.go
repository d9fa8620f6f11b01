package newsroom_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestAdminAddedEmbedProviders: an admin allows another provider in Settings; a
// story linking to it on a line of its own shows the click-to-load placeholder
// with the link as the frame; a line that is not "name = host" is refused.
func TestAdminAddedEmbedProviders(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		admin, editor := s.Session(people.RoleAdmin), s.Token(people.RoleEditor)
		form := settingsForm(s)
		form.Set("embed_hosts", "not a provider line")
		if status, _, _ := admin.Post("/newsroom/settings", form); status != http.StatusUnprocessableEntity {
			t.Fatalf("a bad provider line: %d", status)
		}
		form.Set("embed_hosts", "Council video = video.council.example\r\nHarbour radio = radio.harbour.example")
		if status, _, body := admin.Post("/newsroom/settings", form); status != http.StatusSeeOther {
			t.Fatalf("saving providers: %d %.300s", status, body)
		}
		body := `{"headline": "The council meets", "section": "world", "body_markdown": "Watch it.\n\nhttps://video.council.example/meetings/12\n\nThe end."}`
		id := sitetest.Itoa(createStory(t, s, editor, body))
		if status, _ := s.API(editor, "POST", "/api/admin/v1/stories/"+id+"/transition", `{"to": "published"}`); status != http.StatusOK {
			t.Fatalf("publish: %d", status)
		}
		_, _, list := s.Content("/world/")
		path := regexp.MustCompile(`href="(/world/[^"]*/the-council-meets/)"`).FindStringSubmatch(list)
		if path == nil {
			t.Fatal("the story is not on its section's front")
		}
		_, _, page := s.Content(path[1])
		if !strings.Contains(page, `data-embed-src="https://video.council.example/meetings/12" data-embed-provider="Council video"`) {
			t.Fatal("the site's provider's link is not an embed")
		}
	})
}
