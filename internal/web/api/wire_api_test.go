package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// The Admin API lists and shows the queue and uses an item, with the UI's role rules.
func TestWireAdminAPI(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		s.IngestFile("../../ingest/testdata/storm-v1.json")
		e, _ := s.Store.WireEntryByKey(context.Background(), "Harbour Wire", "urn:newsml:harbourwire.example:20261129:storm-ports")
		writer, editor := s.Token(people.RoleWriter), s.Token(people.RoleEditor)
		status, body := s.API(writer, "GET", "/api/admin/v1/wire?agency=Harbour+Wire&urgency=3", "")
		var list struct {
			Items []struct {
				ID       int64
				Headline string
			}
		}
		json.Unmarshal([]byte(body), &list)
		if status != http.StatusOK || len(list.Items) != 1 || list.Items[0].ID != e.ID {
			t.Fatalf("list: %d %s", status, body)
		}
		if status, _ := s.API(writer, "GET", "/api/admin/v1/wire?kind=video", ""); status != http.StatusBadRequest {
			t.Errorf("unknown kind: %d", status)
		}
		status, body = s.API(writer, "GET", fmt.Sprintf("/api/admin/v1/wire/%d", e.ID), "")
		if status != http.StatusOK || !strings.Contains(body, `"body_markdown":"Gale-force winds`) ||
			!strings.Contains(body, `\"pubstatus\": \"usable\"`) {
			t.Fatalf("show: %d %s", status, body)
		}
		use := fmt.Sprintf("/api/admin/v1/wire/%d/use", e.ID)
		if status, _ := s.API(writer, "POST", use, `{"section": "world", "as_is": true}`); status != http.StatusForbidden {
			t.Errorf("writer publishing as is: %d", status)
		}
		if status, body := s.API(editor, "POST", use, `{"section": "world", "as_is": true}`); status != http.StatusCreated ||
			!strings.Contains(body, `"state":"published"`) {
			t.Errorf("editor publishing as is: %d %s", status, body)
		}
		if status, _ := s.API("", "GET", "/api/admin/v1/wire", ""); status != http.StatusUnauthorized {
			t.Errorf("no token: %d", status)
		}
	})
}
