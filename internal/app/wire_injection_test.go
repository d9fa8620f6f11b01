package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"dateline/internal/ingest"
	"dateline/internal/people"
	"dateline/internal/sitetest"
	"dateline/internal/wire"
)

// Agency copy is untrusted like reader text: every injection payload, in the
// headline, byline and HTML body of wire items, stays inert on the queue, the item
// page, the story editor and the public page of a story published as is.
func TestWireInjectionCorpus(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		in := s.Ingester()
		var all []string
		for i, p := range injections {
			all = append(all, "<p>"+p+"</p>")
			doc, _ := json.Marshal(map[string]any{"uri": fmt.Sprintf("urn:hostile:%d", i), "type": "text", "version": "1",
				"copyrightholder": "Hostile Wire", "headlines": []map[string]string{{"value": p}}, "by": p, "located": p[:min(len(p), 60)],
				// The item's own sentence first: a payload may swallow what follows it
				// (an unclosed <style>), and a story with no words is refused.
				"bodies": []map[string]string{{"contenttype": "text/html", "value": "<p>Item " + sitetest.Itoa(int64(i)) + ".</p><p>" + p + "</p>"}}})
			if r := in.Data(ctx, "payload", ingest.ChannelCommandLine, doc); r[0].Err != nil {
				t.Fatalf("payload %d: %v", i, r[0].Err)
			}
		}
		doc, _ := json.Marshal(map[string]any{"uri": "urn:hostile:all", "type": "text", "version": "1", "copyrightholder": "Hostile Wire",
			"headlines": []map[string]string{
				{"value": "Every payload"},
			}, "bodies": []map[string]string{{"contenttype": "text/html", "value": strings.Join(all, "")}}})
		in.Data(ctx, "all", ingest.ChannelCommandLine, doc)

		check := func(what, page string) {
			t.Helper()
			parsed, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			if bad := unsafe(parsed, ""); bad != "" {
				t.Fatalf("%s carries agency markup: %s", what, bad)
			}
		}
		ed := s.Session(people.RoleEditor)
		for _, page := range []string{"/newsroom/wire", "/newsroom/wire?offset=50", "/newsroom/"} {
			_, _, body := ed.Get(page)
			check(page, body)
		}
		entries, err := s.Store.WireEntries(ctx, wire.Filter{Agency: "Hostile Wire", Limit: 100})
		if err != nil || len(entries) != len(injections)+1 {
			t.Fatalf("%d hostile items queued: %v", len(entries), err)
		}
		for _, e := range entries {
			_, _, body := ed.Get(fmt.Sprintf("/newsroom/wire/%d", e.ID))
			check("item "+e.Item.ID, body)
		}
		whole, _ := s.Store.WireEntryByKey(ctx, "Hostile Wire", "urn:hostile:all")
		storyPath := sitetest.UseWire(t, ed, whole.ID, "publish")
		_, _, body := ed.Get(storyPath)
		check("story editor", body)
		m := sitetest.PublicLink.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no public page")
		}
		status, _, page := s.Anonymous().Get(m[1])
		if status != http.StatusOK || !strings.Contains(page, "Every payload") {
			t.Fatalf("public page: %d", status)
		}
		check("public page", page)
	})
}
