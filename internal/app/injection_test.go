package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// injections are known script-injection payloads: tags, event handlers, javascript:
// and data: URLs, SVG and MathML, encoded, nested and broken markup.
var injections = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=http://evil.example/x.js></SCRIPT>`,
	`<script src="//evil.example/x.js"></script>`,
	`"><script>alert(document.cookie)</script>`,
	`'><script>alert(1)</script>`,
	`</textarea><script>alert(1)</script>`,
	`</title><script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`<img src="javascript:alert(1)">`,
	`<IMG SRC=JaVaScRiPt:alert('XSS')>`,
	`<img """><script>alert("XSS")</script>">`,
	`<img src=x:alert(alt) onerror=eval(src) alt=0>`,
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<svg><animate onbegin=alert(1) attributeName=x dur=1s>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<body onload=alert(1)>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<iframe srcdoc="<script>alert(1)</script>">`,
	`<object data="javascript:alert(1)">`,
	`<embed src="javascript:alert(1)">`,
	`<a href="javascript:alert(1)">click</a>`,
	`<a href="jav&#x09;ascript:alert(1)">tab</a>`,
	`<a href=" javascript:alert(1)">space</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>`,
	`<a href="vbscript:msgbox(1)">vb</a>`,
	`javascript:alert(1)`,
	`http://example.com/"onmouseover="alert(1)`,
	`http://example.com/<script>alert(1)</script>`,
	`https://example.com/?q="><svg/onload=alert(1)>`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	`<style>body{background:url("javascript:alert(1)")}</style>`,
	`<link rel=stylesheet href=http://evil.example/x.css>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<base href="http://evil.example/">`,
	`<form action="http://evil.example"><input type=submit></form>`,
	`<input autofocus onfocus=alert(1)>`,
	`<details open ontoggle=alert(1)>`,
	`<marquee onstart=alert(1)>`,
	`<video><source onerror=alert(1)>`,
	`<audio src=x onerror=alert(1)>`,
	`<table background="javascript:alert(1)">`,
	`<td background="javascript:alert(1)">`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&#60;script&#62;alert(1)&#60;/script&#62;`,
	`%3Cscript%3Ealert(1)%3C/script%3E`,
	`\u003cscript\u003ealert(1)\u003c/script\u003e`,
	`<scr<script>ipt>alert(1)</scr</script>ipt>`,
	`<<script>alert(1);//<</script>`,
	`<script/x>alert(1)</script>`,
	`<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">`,
	`<!--<img src="--><img src=x onerror=alert(1)//">`,
	`<![CDATA[<script>alert(1)</script>]]>`,
	`{{.}} {{template "x"}} ${alert(1)} #{alert(1)}`,
	"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
	`<xss id=x tabindex=1 onfocus=alert(1)></xss>`,
	`"onmouseover="alert(1)`,
}

// unsafe reports markup in a parsed page that reader text could have added: script,
// embedded content, event handlers, or links that are not plain web addresses.
func unsafe(doc *html.Node, allowImg string) string {
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "svg", "math", "style", "base", "meta", "video", "audio", "marquee", "xss", "noscript":
				jsonLD := n.Data == "script" && attrOf(n, "type") == "application/ld+json" && n.FirstChild != nil &&
					!strings.Contains(n.FirstChild.Data, "<")
				preview := n.Data == "iframe" && attrOf(n, "id") == "preview" && attrOf(n, "src") == "" // the editor's own, filled by script
				headMeta := n.Data == "meta" && n.Parent != nil && n.Parent.Data == "head"
				ownScript := n.Data == "script" && attrOf(n, "src") == "/newsroom/static/newsroom.js"
				if !headMeta && !ownScript && !jsonLD && !preview {
					found = "<" + n.Data + ">"
				}
			case "img":
				src := attrOf(n, "src")
				if !strings.HasPrefix(src, "/static/") && (allowImg == "" || !strings.HasPrefix(src, allowImg)) {
					found = "<img src=" + attrOf(n, "src") + ">"
				}
			}
			for _, a := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "background" || a.Key == "srcdoc" ||
					((a.Key == "href" || a.Key == "src" || a.Key == "action") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v,
						"data:") || strings.HasPrefix(v, "vbscript:"))) {
					found = "<" + n.Data + " " + a.Key + "=" + a.Val + ">"
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestInjectionCorpus sends every payload through the public form as a comment (in
// the text, and in the name where it fits), publishes them all, and checks the story
// page, the letters desk and the Admin API.
func TestInjectionCorpus(t *testing.T) {
	if len(injections) < 50 {
		t.Fatalf("only %d payloads", len(injections))
	}
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		site, _ := s.Store.Site(ctx)
		site.TrustedProxies = "127.0.0.1"
		if err := s.Store.SaveSite(ctx, site); err != nil {
			t.Fatal(err)
		}
		ferries := s.Demo.Stories["ferries"]
		for i, p := range injections {
			name := "Reader " + sitetest.Itoa(int64(i))
			if len(p) <= 90 {
				name = p
			}
			b := s.Anonymous()
			form := url.Values{"story": {sitetest.Itoa(ferries.ID)}, "kind": {"comment"}, "name": {name}, "place": {p[:min(len(p), 100)]},
				"text": {p + "\n\nSent as number " + sitetest.Itoa(int64(i))}, "consent": {"yes"}}
			// One address each and a minute apart: the abuse limits have their own tests.
			s.Clock.Set(s.Clock.Now().Add(time.Minute))
			req := "198.51.100." + sitetest.Itoa(int64(i+1))
			status, _, body := b.PostLetterFrom(form, req)
			if status != http.StatusOK {
				t.Fatalf("payload %d: status %d\n%s", i, status, body)
			}
		}
		msgs, _, err := s.Store.Messages(ctx, letters.Query{StoryID: ferries.ID, State: letters.StatePending, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		published := 0
		for _, m := range msgs {
			if strings.Contains(m.Text, "Sent as number") {
				if err := s.Store.SetMessageState(ctx, m.ID, "", letters.StatePublished, 0); err != nil {
					t.Fatal(err)
				}
				published++
			}
		}
		if published != len(injections) {
			t.Fatalf("%d payloads stored, want %d", published, len(injections))
		}
		check := func(what, page, img string) {
			t.Helper()
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			if bad := unsafe(doc, img); bad != "" {
				t.Fatalf("%s carries reader markup: %s", what, bad)
			}
		}
		for page := 1; page <= 3; page++ {
			path := s.PublicPath(ferries)
			if page > 1 {
				path += "comments/" + sitetest.Itoa(int64(page)) + "/"
			}
			status, _, body := s.Anonymous().Get(path)
			if status != http.StatusOK {
				t.Fatalf("comments page %d: %d", page, status)
			}
			check("story page "+sitetest.Itoa(int64(page)), body, "/media/")
		}
		ed := s.Session(people.RoleEditor)
		_, _, desk := ed.Get("/newsroom/letters?state=published")
		if !strings.Contains(desk, "Sent as number 0") {
			t.Fatal("the desk does not list the payloads")
		}
		check("letters desk", desk, "")
		status, body := s.API(s.Token(people.RoleEditor), "GET", "/api/admin/v1/messages?state=published&story="+sitetest.Itoa(ferries.ID), "")
		if status != http.StatusOK || strings.Contains(body, "<script") || strings.Contains(body, "<img") {
			t.Fatalf("API: %d, raw markup in JSON", status)
		}
		var out struct{ Messages []struct{ Text string } }
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatal(err)
		}
		texts := strings.Join(func() []string {
			var l []string
			for _, m := range out.Messages {
				l = append(l, m.Text)
			}
			return l
		}(), "\n")
		if !strings.Contains(texts, injections[0]) {
			t.Fatal("the API does not give back the reader's exact text")
		}
	})
}
