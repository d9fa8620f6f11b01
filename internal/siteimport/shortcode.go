package siteimport

import (
	"html"
	"regexp"
	"strings"
)

// WordPress shortcodes: [name attr="v"] alone, or [name …]content[/name].
var (
	shortcodeTag  = regexp.MustCompile(`\[(/?)([a-z][a-z0-9_-]*)((?:\s+[^\]]*)?)\]`)
	shortcodeAttr = regexp.MustCompile(`([a-zA-Z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))`)
	// commonShortcodes are names plugins register that carry no attributes, so an
	// unknown "[name]" is taken for a shortcode, not for a bracketed word ("[sic]").
	commonShortcodes = map[string]bool{"video": true, "audio": true, "playlist": true, "gallery": true, "embed": true,
		"caption": true, "wp_caption": true, "contact-form-7": true, "contact-form": true, "su_note": true, "pullquote": true}
)

func shortcodeAttrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range shortcodeAttr.FindAllStringSubmatch(s, -1) {
		out[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	return out
}

// expandShortcodes turns [caption], [gallery] and [embed] into the HTML WordPress
// would have shown, leaves other shortcodes as text and reports them.
func expandShortcodes(src string, warn func(WarnCode, string)) string {
	if !strings.Contains(src, "[") {
		return src
	}
	var b strings.Builder
	rest := src
	for {
		loc := shortcodeTag.FindStringSubmatchIndex(rest)
		if loc == nil {
			b.WriteString(rest)
			return b.String()
		}
		closing, name, attrText := rest[loc[2]:loc[3]] == "/", rest[loc[4]:loc[5]], rest[loc[6]:loc[7]]
		b.WriteString(rest[:loc[0]])
		after := rest[loc[1]:]
		if closing {
			b.WriteString(rest[loc[0]:loc[1]]) // a stray closing tag: text
			rest = after
			continue
		}
		// Paired: [name]content[/name].
		content, paired := "", false
		if end := strings.Index(after, "[/"+name+"]"); end >= 0 {
			content, paired = after[:end], true
			after = after[end+len("[/"+name+"]"):]
		}
		attrs := shortcodeAttrs(attrText)
		switch name {
		case "caption", "wp_caption":
			// [caption id="attachment_12" …]<img …> The caption.[/caption]; newer
			// exports put the caption in the attribute.
			img, caption := content, attrs["caption"]
			if i := strings.LastIndex(content, ">"); i >= 0 {
				img, caption = content[:i+1], firstNonEmpty(strings.TrimSpace(content[i+1:]), caption)
			}
			b.WriteString("\n\n<figure>" + img + "<figcaption>" + caption + "</figcaption></figure>\n\n")
		case "gallery":
			for _, id := range strings.Split(attrs["ids"], ",") {
				if id = strings.TrimSpace(id); id != "" {
					b.WriteString("\n\n<figure><img class=\"wp-image-" + html.EscapeString(id) + "\" alt=\"\"></figure>\n\n")
				}
			}
			if attrs["ids"] == "" {
				warn(WarnShortcode, "[gallery] without ids (the post's attached photos)")
			}
		case "video", "audio":
			src := ""
			for _, k := range []string{"src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav"} {
				if src = attrs[k]; src != "" {
					break
				}
			}
			if src == "" {
				warn(WarnShortcode, "["+name+"] without a file")
				break
			}
			label := map[string]string{"video": "Video", "audio": "Audio"}[name]
			b.WriteString("\n\n<p><a href=\"" + html.EscapeString(src) + "\">" + label + "</a></p>\n\n")
		case "embed":
			b.WriteString("\n\n<p>" + html.EscapeString(strings.TrimSpace(html.UnescapeString(firstNonEmpty(content, attrs["src"])))) + "</p>\n\n")
		default:
			if !paired && len(attrs) == 0 && !commonShortcodes[name] {
				b.WriteString(rest[loc[0]:loc[1]]) // "[sic]": a word in brackets
				rest = rest[loc[1]:]
				continue
			}
			warn(WarnShortcode, "["+name+"]")
			b.WriteString(rest[loc[0]:loc[1]])
			if paired {
				b.WriteString(expandShortcodes(content, warn) + "[/" + name + "]")
			}
		}
		rest = after
	}
}
