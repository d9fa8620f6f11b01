package siteimport

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"
)

// blockComment is a block editor delimiter: <!-- wp:name {attrs} --> opening,
// <!-- /wp:name --> closing, <!-- wp:name {attrs} /--> alone.
var blockComment = regexp.MustCompile(`<!--\s+(/?)wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s*(\{.*?\})?\s*(/?)-->`)

// savedBlocks are the blocks whose markup the post itself holds (the rest render
// from the database at view time, so the export has nothing of them).
var savedBlocks = map[string]bool{
	"paragraph": true, "heading": true, "list": true, "list-item": true, "quote": true, "pullquote": true, "image": true,
	"gallery": true, "embed": true, "video": true, "audio": true, "separator": true, "table": true, "preformatted": true,
	"code": true, "verse": true, "columns": true, "column": true, "group": true, "buttons": true, "button": true,
	"cover": true, "media-text": true, "spacer": true, "html": true, "more": true, "nextpage": true, "freeform": true,
	"shortcode": true, "file": true, "footnotes": true, "details": true, "row": true, "stack": true,
}

// unwrapBlocks removes block delimiters, keeping what each block saved; embed
// blocks become their link on a line of its own (the story page's click-to-load
// embed), and blocks with nothing saved are reported.
func unwrapBlocks(src string, warn func(WarnCode, string)) string {
	if !strings.Contains(src, "<!-- wp:") {
		return src
	}
	var b strings.Builder
	rest := src
	for {
		loc := blockComment.FindStringSubmatchIndex(rest)
		if loc == nil {
			b.WriteString(rest)
			return b.String()
		}
		b.WriteString(rest[:loc[0]])
		closing := rest[loc[2]:loc[3]] == "/"
		name := rest[loc[4]:loc[5]]
		attrs := ""
		if loc[6] >= 0 {
			attrs = rest[loc[6]:loc[7]]
		}
		alone := rest[loc[8]:loc[9]] == "/"
		rest = rest[loc[1]:]
		if closing {
			b.WriteString("\n\n")
			continue
		}
		base := strings.TrimPrefix(name, "core/")
		if base == "embed" || strings.HasPrefix(base, "core-embed/") {
			var a struct {
				URL string `json:"url"`
			}
			_ = json.Unmarshal([]byte(attrs), &a) // no url: the saved figure still holds the link
			if a.URL != "" {
				end := strings.Index(rest, "<!-- /wp:"+name+" -->")
				if end >= 0 {
					rest = rest[end+len("<!-- /wp:"+name+" -->"):]
				}
				b.WriteString("\n\n<p>" + html.EscapeString(a.URL) + "</p>\n\n")
				continue
			}
		}
		if !savedBlocks[base] {
			warn(WarnBlock, "wp:"+name)
		}
		if alone && base == "block" {
			continue // a reusable block: its content lives elsewhere
		}
		b.WriteString("\n\n")
	}
}
