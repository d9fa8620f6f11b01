package wire

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func TestFeedItems(t *testing.T) {
	rss := parseFeedFile(t, "testdata/feeds/harbour-wire.rss")
	if len(rss) != 2 {
		t.Fatalf("rss: %d results, want 2", len(rss))
	}
	ferry := rss[0].Item
	if ferry.Kind != KindPackage || ferry.Agency != "Harbour Wire" || ferry.ID != "hw-2026-1129-ferry" || ferry.Language != "en-gb" ||
		!ferry.Created.Equal(time.Date(2026, 11, 29, 6, 10, 0, 0, time.UTC)) || len(ferry.Subjects) != 2 || ferry.Byline != "Ines Marlow" {
		t.Errorf("ferry: %+v", ferry)
	}
	if len(ferry.Members) != 2 || ferry.Members[0].Kind != KindText || !ferry.Members[0].BodyHTML ||
		ferry.Members[1].Kind != KindPicture || ferry.Members[1].Renditions[0].Href != "https://harbour-wire.example/photos/ferry-1600.jpg" {
		t.Errorf("ferry package members: %+v", ferry.Members)
	}
	if tides := rss[1].Item; tides.Kind != KindText || !tides.BodyHTML || // an RSS description is HTML by the spec
		tides.Headline != "Spring tides expected to close the causeway twice this week" {
		t.Errorf("tides: %+v", tides)
	}
	atom := parseFeedFile(t, "testdata/feeds/valley-press.atom")[0].Item
	if atom.ID != "urn:valley-press:2026:orchard-frost" || atom.Byline != "Tomas Reyne" || !atom.BodyHTML ||
		!strings.HasPrefix(atom.Body, "<p>Growers") || atom.Summary != "Growers counted losses in only the lowest fields." ||
		!atom.Updated.After(atom.Created) {
		t.Errorf("atom: %+v", atom)
	}
}

func TestFeedBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"not a feed": `<html><body>hello</body></html>`,
		"truncated":  `<rss version="2.0"><channel><title>T</title><item><title>A`,
		"json":       `{"items": []}`,
	} {
		if _, err := ParseFeed([]byte(in), ""); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	results, err := ParseFeed([]byte(`<rss version="2.0"><channel><title>T</title><item></item>`+
		`<item><guid>g1</guid><title>Fine</title></item></channel></rss>`), "")
	if err != nil || len(results) != 2 || !errors.Is(results[0].Err, ErrRefused) || results[1].Err != nil {
		t.Errorf("one empty entry among good ones: %+v, %v", results, err)
	}
}

func TestNewsMessageKeepsEachItemsCopy(t *testing.T) {
	msg := `<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2026-11-29T07:00:00Z</sent></header><itemSet>` +
		`<newsItem guid="urn:one" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><headline>One</headline></contentMeta></newsItem>` +
		`<newsItem guid="urn:two" version="2"><itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><headline>Two</headline></contentMeta></newsItem>` +
		`</itemSet></newsMessage>`
	results, err := ParseNewsML([]byte(msg))
	if err != nil || len(results) != 2 {
		t.Fatalf("%+v, %v", results, err)
	}
	for i, id := range []string{"urn:one", "urn:two"} {
		raw := string(results[i].Item.Raw)
		if !strings.HasPrefix(raw, `<newsItem guid="`+id+`"`) || !strings.HasSuffix(raw, "</newsItem>") || strings.Count(raw, "<newsItem") != 1 {
			t.Errorf("item %d raw copy: %q", i, raw)
		}
	}
}

func parseFeedFile(t *testing.T, path string) []Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	results, err := ParseFeed(data, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", path, r.Err)
		}
	}
	return results
}
