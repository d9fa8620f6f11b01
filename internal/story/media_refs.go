package story

import (
	"regexp"
	"strconv"
	"strings"
)

// A story's body puts a library photo in its text as a Markdown image whose
// address is a media reference: ![alt text](media:123 "optional caption").
var (
	mediaRef   = regexp.MustCompile(`!\[[^\]]*\]\(\s*<?media:([0-9]{1,18})`)
	fencedCode = regexp.MustCompile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}(```|~~~)[ \t]*$")
	codeSpan   = regexp.MustCompile("`[^`\n]*`")
)

// MediaRef is the Markdown that puts photo id in a body.
func MediaRef(id int64, alt, caption string) string {
	ref := "![" + alt + "](media:" + strconv.FormatInt(id, 10)
	if caption != "" {
		ref += ` "` + caption + `"`
	}
	return ref + ")"
}

// InlineMediaIDs are the photos the body puts in its text, in order, once each;
// references shown as code are not uses.
func (s Story) InlineMediaIDs() []int64 {
	if !strings.Contains(s.BodyMarkdown, "media:") { // most bodies: no regexp to run
		return nil
	}
	body := codeSpan.ReplaceAllString(fencedCode.ReplaceAllString(s.BodyMarkdown, ""), "")
	var out []int64
	seen := map[int64]bool{}
	for _, m := range mediaRef.FindAllStringSubmatch(body, -1) {
		id, err := strconv.ParseInt(m[1], 10, 64)
		if err == nil && id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
