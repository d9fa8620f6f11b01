package wire

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The tests in this file are written from the formats' specifications (IPTC's ninjs
// schemas and NewsML-G2 guidelines, RSS 0.91/1.0/2.0 and Atom 0.3/1.0) for the kinds
// of copy real agencies and publishers send that the IPTC samples do not show.

func parseOne(t *testing.T, doc string) Item {
	t.Helper()
	results, err := Parse([]byte(doc), "the command line")
	if err != nil || len(results) != 1 || results[0].Err != nil {
		t.Fatalf("%.80s: %v %+v", doc, err, results)
	}
	return results[0].Item
}

func refusedWhy(t *testing.T, doc string) string {
	t.Helper()
	results, err := Parse([]byte(doc), "the command line")
	if err == nil && len(results) > 0 {
		err = results[0].Err
	}
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("%.80s: %v, want refused", doc, err)
	}
	return err.Error()
}

// TestWholeItemsAreTakenWhole: ninjs without "type" is text when it has words;
// its headline comes from headline, then title, then the body's first sentence
// (marked derived); only an item with neither is refused, with the same reason in
// every format.
func TestWholeItemsAreTakenWhole(t *testing.T) {
	it := parseOne(t, `{"uri": "urn:a:1", "title": "Ferries return", "body_text": "Night ferries resumed."}`)
	if it.Kind != KindText || it.Headline != "Ferries return" || it.HeadlineDerived {
		t.Errorf("ninjs with title, no type: %+v", it)
	}
	it = parseOne(t, `{"uri": "urn:a:2", "bodies": [{"contenttype": "text/html", "value": "<p>Night ferries resumed on Monday. More follows.</p>"}]}`)
	if it.Kind != KindText || it.Headline != "Night ferries resumed on Monday." || !it.HeadlineDerived {
		t.Errorf("ninjs 2 body only: %+v", it)
	}
	it = parseOne(t, `{"uri": "urn:a:3", "body_text": "台風の季節が終わった。フェリーは再開した。"}`)
	if it.Headline != "台風の季節が終わった。" || !it.HeadlineDerived {
		t.Errorf("Japanese first sentence: %q", it.Headline)
	}
	empty := map[string]string{
		"ninjs":     `{"uri": "urn:a:4", "version": "1"}`,
		"ninjs 3":   `{"uri": "urn:a:5", "type": "text", "versionCreated": "2026-11-30T08:00:00Z"}`,
		"NewsML-G2": `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:a:6"><itemMeta><itemClass qcode="ninat:text"/></itemMeta></newsItem>`,
		"RSS":       `<rss version="2.0"><channel><title>T</title><item><guid>g</guid></item></channel></rss>`,
	}
	for format, doc := range empty {
		if why := refusedWhy(t, doc); !strings.Contains(why, "no headline and no body") {
			t.Errorf("%s with nothing to publish: %s", format, why)
		}
	}
}

// TestItemClassesAndProvidersAreResolved: NewsML-G2 item classes through the
// catalog's aliases, other aliases and URIs; providers and rights holders by name,
// literal, URI or code, shown as a name.
func TestItemClassesAndProvidersAreResolved(t *testing.T) {
	item := func(class, provider string) string {
		return `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:c:1"><catalog><scheme alias="nat" ` +
			`uri="http://cv.iptc.org/newscodes/ninature/"/></catalog><itemMeta>` + class + provider +
			`</itemMeta><contentMeta><headline>Harbour</headline></contentMeta></newsItem>`
	}
	for _, class := range []string{`<itemClass qcode="icls:text"/>`, `<itemClass qcode="nat:text"/>`,
		`<itemClass uri="http://cv.iptc.org/newscodes/ninature/text"/>`, `<itemClass qcode="http://cv.iptc.org/newscodes/ninature/text"/>`} {
		if it := parseOne(t, item(class, "")); it.Kind != KindText {
			t.Errorf("%s: kind %s", class, it.Kind)
		}
	}
	for provider, want := range map[string]string{
		`<provider uri="http://www.xmlteam.com"/>`:                    "xmlteam.com",
		`<provider literal="Eastern Wire"/>`:                          "Eastern Wire",
		`<provider qcode="web:www.xmlteam.com"/>`:                     "xmlteam.com",
		`<provider qcode="nprov:AcmeNews"/>`:                          "AcmeNews",
		`<provider qcode="nprov:X"><name>Acme News</name></provider>`: "Acme News",
	} {
		if it := parseOne(t, item(`<itemClass qcode="ninat:text"/>`, provider)); it.Agency != want || strings.Contains(it.Agency, ":") {
			t.Errorf("%s: agency %q, want %q", provider, it.Agency, want)
		}
	}
}

// TestOneBadFieldCostsOneField: a version, date, urgency, language or status that
// cannot be read is dropped with a warning on the item; the item is taken.
func TestOneBadFieldCostsOneField(t *testing.T) {
	it := parseOne(t, `{"uri": "urn:b:1", "headline": "A", "version": "1.2", "urgency": 42, "language": "not a tag!",
		"versioncreated": "yesterday", "firstcreated": "2026-11-30T08:15:00", "pubstatus": "maybe"}`)
	if it.Version != 0 || it.Urgency != 0 || it.Language != "" || !it.Updated.IsZero() || it.Status != StatusUsable {
		t.Errorf("bad fields kept: %+v", it)
	}
	if !it.Created.Equal(time.Date(2026, 11, 30, 8, 15, 0, 0, time.UTC)) {
		t.Errorf("a time without a zone: %v, want it read as UTC", it.Created)
	}
	warned := strings.Join(it.Warnings, "\n")
	for _, field := range []string{`version "1.2"`, "urgency 42", `language "not a tag!"`, `versioncreated "yesterday"`,
		"firstcreated", `pubstatus "maybe"`} {
		if !strings.Contains(warned, field) {
			t.Errorf("no warning about %s in %q", field, warned)
		}
	}
	g2 := parseOne(t, `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:b:2" version="v3"><itemMeta>`+
		`<itemClass qcode="ninat:text"/><versionCreated>30/11/2026</versionCreated></itemMeta>`+
		`<contentMeta><urgency>high</urgency><headline>A</headline></contentMeta></newsItem>`)
	if g2.Version != 0 || g2.Urgency != 0 || !g2.Updated.IsZero() || len(g2.Warnings) != 3 {
		t.Errorf("NewsML-G2 bad fields: %+v", g2)
	}
}

// TestBareWithdrawals: a notice carrying only the item's identity and "withheld" or
// "canceled" is taken as a notice in every format and version.
func TestBareWithdrawals(t *testing.T) {
	for name, doc := range map[string]string{
		"ninjs 1": `{"uri": "urn:ntb:1", "pubstatus": "canceled"}`,
		"ninjs 2": `{"uri": "urn:ntb:1", "pubstatus": "withheld", "version": "3"}`,
		"ninjs 3": `{"uri": "urn:ntb:1", "pubStatus": "canceled", "versionCreated": "2026-11-30T09:00:00Z"}`,
		"typed":   `{"uri": "urn:ntb:1", "type": "text", "pubstatus": "canceled"}`,
		"NewsML-G2": `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:ntb:1" version="4"><itemMeta>` +
			`<pubStatus qcode="stat:canceled"/></itemMeta></newsItem>`,
	} {
		it := parseOne(t, doc)
		if it.Kind != KindNotice || it.ID != "urn:ntb:1" || it.Status == StatusUsable || it.Source != "" {
			t.Errorf("%s: %+v", name, it)
		}
	}
}

// TestSummariesAndPictures: a summary comes only from a description that is one;
// a ninjs story's associated pictures make it a package with its lead candidate;
// the embargo is kept.
func TestSummariesAndPictures(t *testing.T) {
	it := parseOne(t, `{"uri": "urn:d:1", "type": "text", "headline": "A", "body_text": "B.",
		"descriptions": [{"role": "creditline", "value": "ASSOCIATED PRESS"}, {"role": "writer", "value": "www.example.com"}]}`)
	if it.Summary != "" {
		t.Errorf("a credit line became the summary: %q", it.Summary)
	}
	it = parseOne(t, `{"uri": "urn:d:2", "type": "text", "headline": "A", "body_text": "B.", "embargoed": "2026-12-01T06:00:00Z",
		"descriptions": [{"role": "creditline", "value": "ASSOCIATED PRESS"}, {"role": "summary", "value": "The short of it."}],
		"associations": [{"uri": "urn:d:pic", "type": "picture", "headline": "Harbour at dawn",
			"renditions": [{"href": "https://example.com/p.jpg", "contenttype": "image/jpeg", "width": 1600, "height": 900}]}]}`)
	if it.Summary != "The short of it." || !it.Embargo.Equal(time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("summary %q, embargo %v", it.Summary, it.Embargo)
	}
	if it.Kind != KindPackage || len(it.Members) != 2 || it.Members[0].Kind != KindText || it.Members[1].Kind != KindPicture {
		t.Errorf("a story with its picture: kind %s, members %+v", it.Kind, it.Members)
	}
	g2 := parseOne(t, `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:d:3"><itemMeta><itemClass qcode="ninat:text"/>`+
		`<embargoed>2026-12-01T07:00:00+01:00</embargoed></itemMeta><contentMeta><headline>A</headline>`+
		`<description role="drol:caption">Not a summary</description></contentMeta></newsItem>`)
	if g2.Summary != "" || !g2.Embargo.Equal(time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("NewsML-G2: summary %q, embargo %v", g2.Summary, g2.Embargo)
	}
}

// TestTextIsClean: headlines are plain text; a body is HTML when its format says
// so; entity-encoded HTML is decoded; mojibake is repaired; C1 controls are mapped
// or removed.
func TestTextIsClean(t *testing.T) {
	it := parseOne(t, `<rss version="2.0"><channel><title>T</title><item><guid>g1</guid>`+
		`<title>&lt;p&gt;Item Title&lt;/p&gt;</title><description>&amp;lt;blink&amp;gt; is gone &amp;amp; so is &lt;b&gt;bold&lt;/b&gt;</description>`+
		`</item></channel></rss>`)
	if it.Headline != "Item Title" || !it.BodyHTML {
		t.Errorf("RSS: headline %q, HTML %v", it.Headline, it.BodyHTML)
	}
	if md := it.Markdown(); strings.Contains(md, "&lt;") || !strings.Contains(md, `\<blink\> is gone`) || !strings.Contains(md, "so is **bold**") {
		t.Errorf("entity-encoded HTML shows its entities: %q", md)
	}
	atom := parseOne(t, `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:f</id>`+
		`<entry><id>urn:e</id><title type="html">Example &lt;b&gt;Atom&lt;/b&gt;</title><content type="text">1 &lt; 2 &amp; 3</content></entry></feed>`)
	if atom.Headline != "Example Atom" || atom.BodyHTML || atom.Body != "1 < 2 & 3" {
		t.Errorf("Atom: headline %q body %q HTML %v", atom.Headline, atom.Body, atom.BodyHTML)
	}
	moji := parseOne(t, `{"uri": "urn:m:1", "headline": "ZÃ¼rich cafÃ© reopens â€” at last", "body_text": "Itâ€™s back."}`)
	if moji.Headline != "Zürich café reopens — at last" || moji.Body != "It’s back." {
		t.Errorf("mojibake: %q / %q", moji.Headline, moji.Body)
	}
	if keep := parseOne(t, `{"uri": "urn:m:2", "headline": "São Tomé: Ã is a letter in Portuguese"}`); keep.Headline !=
		"São Tomé: Ã is a letter in Portuguese" {
		t.Errorf("a correct text was changed: %q", keep.Headline)
	}
	c1 := parseOne(t, "{\"uri\": \"urn:m:3\", \"headline\": \"\u0093Quoted\u0094 text\"}")
	if c1.Headline != "“Quoted” text" {
		t.Errorf("C1 in undeclared copy: %q, want cp1252's quotes", c1.Headline)
	}
	utf8Declared := parseOne(t, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"+
		"<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"c\">"+
		"<itemMeta><itemClass qcode=\"ninat:text\"/></itemMeta><contentMeta><headline>A\u0085B\u0093C</headline></contentMeta></newsItem>")
	if utf8Declared.Headline != "ABC" {
		t.Errorf("C1 in copy declared UTF-8: %q, want them removed", utf8Declared.Headline)
	}
}

// TestEncodings: UTF-16 and UTF-32 (with a mark or without), the legacy CJK
// encodings, and a file that declares one encoding but is in another.
func TestEncodings(t *testing.T) {
	want := map[string]string{
		"gb2312.xml": "台风季节结束", "gbk.xml": "台风季节结束", "gb18030.xml": "台风季节结束", "big5.xml": "颱風季節結束",
		"shift_jis.xml": "台風シーズン終わる", "euc-jp.xml": "台風シーズン終わる", "euc-kr.xml": "태풍 시즌 끝나",
		"utf-16le-bom.xml": "Ferries return at night", "utf-16be.xml": "Ferries return at night",
		"utf-32le-bom.xml": "Ferries return at night", "declares-latin1-is-utf8.xml": "Zürich café reopens",
		"cp1252-as-latin1.xml": "“Quoted” harbour",
	}
	files, _ := filepath.Glob("testdata/outside/*.xml")
	if len(files) != len(want) {
		t.Fatalf("%d files, %d expectations", len(files), len(want))
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		it := parseOne(t, string(data))
		if it.Headline != want[filepath.Base(path)] || it.Agency != "Eastern Wire" || it.Body == "" {
			t.Errorf("%s: headline %q agency %q body %q", filepath.Base(path), it.Headline, it.Agency, it.Body)
		}
		if string(it.Raw) != string(data) {
			t.Errorf("%s: the copy as received was not kept", filepath.Base(path))
		}
	}
}

// TestFeedIdentity: entries are known by guid, link, rdf:about, else by a key
// from their date and text (never the title); the feed by its URL when polled,
// else its self link, else its channel link; duplicates are reported; an empty
// feed is no failure; a corrected entry is a new version.
func TestFeedIdentity(t *testing.T) {
	rss := func(title string) string {
		return `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Valley Press</title>` +
			`<link>https://valley.example/</link><atom:link rel="self" href="https://valley.example/feed.xml"/>` +
			`<item><title>` + title + `</title><description>Frost hit the orchards.</description>` +
			`<pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>`
	}
	first, corrected := parseOne(t, rss("Frost hits orchards")), parseOne(t, rss("Frost hits the orchards"))
	if first.ID == "" || first.ID != corrected.ID {
		t.Errorf("an entry without guid or link: ids %q and %q, want one stable id", first.ID, corrected.ID)
	}
	if first.Fingerprint == corrected.Fingerprint || Accepts(first, corrected) != Updated {
		t.Error("a corrected title is not a new version")
	}
	if Accepts(first, first) != Unchanged {
		t.Error("the same entry again is not unchanged")
	}
	if first.Source != "https://valley.example/feed.xml" || first.Agency != "Valley Press" {
		t.Errorf("feed source %q agency %q", first.Source, first.Agency)
	}
	polled, err := Parse([]byte(rss("Frost")), "https://valley.example/feed.xml?key=1")
	if err != nil || polled[0].Item.Source != "https://valley.example/feed.xml?key=1" {
		t.Errorf("a polled feed's source: %+v %v", polled, err)
	}
	untitled := parseOne(t, `<rss version="2.0"><channel><link>https://hill.example/</link><item><guid>g</guid><title>A</title></item></channel></rss>`)
	if untitled.Agency != "hill.example" || untitled.Source != "https://hill.example/" {
		t.Errorf("an untitled feed: agency %q source %q", untitled.Agency, untitled.Source)
	}
	rdf := parseOne(t, `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">`+
		`<channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>`+
		`<item rdf:about="https://r.example/items/7"><title>Seven</title><description>Text.</description></item></rdf:RDF>`)
	if rdf.ID != "https://r.example/items/7" {
		t.Errorf("RSS 1.0 id %q", rdf.ID)
	}
	atom := parseOne(t, `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>No id</title>`+
		`<updated>2026-11-30T08:00:00Z</updated><content type="html">&lt;p&gt;Text.&lt;/p&gt;</content></entry></feed>`)
	if !strings.HasPrefix(atom.ID, "entry:2026-11-30T08:00:00Z:") {
		t.Errorf("an Atom entry without id: %q", atom.ID)
	}
	dup, err := Parse([]byte(`<rss version="2.0"><channel><title>D</title><item><guid>same</guid><title>One</title></item>`+
		`<item><guid>same</guid><title>Two</title></item></channel></rss>`), "x")
	if err != nil || len(dup) != 2 || dup[0].Err != nil || !errors.Is(dup[1].Err, ErrRefused) {
		t.Errorf("duplicate guids: %+v %v", dup, err)
	}
	none, err := Parse([]byte(`<rss version="2.0"><channel><title>Quiet</title></channel></rss>`), "x")
	if err != nil || len(none) != 0 {
		t.Errorf("an empty feed: %+v %v", none, err)
	}
	for _, doc := range []string{
		`<rss version="0.91"><channel><title>Old</title><link>https://o.example/</link><item><title>Ninety-one</title><link>https://o.example/1</link></item></channel></rss>`,
		`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title><entry><title>Zero three</title><id>tag:o,2026:1</id>` +
			`<content type="text/html" mode="escaped">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>`,
	} {
		if it := parseOne(t, doc); it.Headline == "" || it.ID == "" {
			t.Errorf("an older feed version: %+v", it)
		}
	}
}

// TestNewsMLLinkedPictures: a NewsML-G2 story linking to its picture (a file, or
// another item) is a package whose picture is the lead candidate; other links
// (a video page, "see also") are not pictures.
func TestNewsMLLinkedPictures(t *testing.T) {
	story := func(links string) string {
		return `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:l:1"><itemMeta><itemClass qcode="ninat:text"/>` + links +
			`</itemMeta><contentMeta><headline>Harbour</headline></contentMeta></newsItem>`
	}
	it := parseOne(t, story(`<link rel="irel:associatedWith" href="https://example.com/p.jpg" contenttype="image/jpeg"/>`))
	if it.Kind != KindPackage || len(it.Members) != 2 || it.Members[1].Renditions[0].Href != "https://example.com/p.jpg" {
		t.Errorf("a linked picture file: %+v", it)
	}
	it = parseOne(t, story(`<link rel="irel:associatedWith" residref="urn:pic:9"><itemClass qcode="ninat:picture"/></link>`))
	if it.Kind != KindPackage || len(it.Refs) != 1 || it.Refs[0].ID != "urn:pic:9" || it.Members[0].Kind != KindText {
		t.Errorf("a linked picture item: %+v", it)
	}
	if it := parseOne(t, story(`<link rel="irel:seeAlso" href="https://example.com/video/index.html"/>`)); it.Kind != KindText {
		t.Errorf("a see-also link made a package: %s", it.Kind)
	}
}
