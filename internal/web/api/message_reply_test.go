package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// The Admin API lists a reply with the message it answers (in_reply_to).
func TestMessagesCarryWhatTheyAnswer(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		storyID := s.Demo.Stories["ferries"].ID
		parent := letters.Message{StoryID: storyID, Kind: letters.KindComment, Name: "Jo", Text: "First.", State: letters.StatePublished}
		if err := s.Store.CreateMessage(ctx, &parent); err != nil {
			t.Fatal(err)
		}
		reply := letters.Message{StoryID: storyID, Kind: letters.KindComment, Name: "Sam", Text: "Agreed.", State: letters.StatePending,
			InReplyTo: parent.ID}
		if err := s.Store.CreateMessage(ctx, &reply); err != nil {
			t.Fatal(err)
		}
		status, body := s.API(s.Token(people.RoleEditor), "GET", "/api/admin/v1/messages?state=pending&story="+sitetest.Itoa(storyID), "")
		var got struct {
			Messages []struct {
				ID        int64 `json:"id"`
				InReplyTo int64 `json:"in_reply_to"`
			} `json:"messages"`
		}
		if status != http.StatusOK || json.Unmarshal([]byte(body), &got) != nil {
			t.Fatalf("%d %s", status, body)
		}
		for _, m := range got.Messages {
			if m.ID == reply.ID && m.InReplyTo == parent.ID {
				return
			}
		}
		t.Errorf("no reply to %d listed: %s", parent.ID, body)
	})
}
