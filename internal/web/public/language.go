package public

import "strings"

// rightToLeft are the primary language subtags of the languages written right to
// left (Arabic, Hebrew, Persian, Urdu, Pashto, Yiddish, Dhivehi, Sorani Kurdish,
// Sindhi, Uyghur).
var rightToLeft = map[string]bool{"ar": true, "he": true, "iw": true, "fa": true, "ur": true, "ps": true, "yi": true, "dv": true,
	"ckb": true, "sd": true, "ug": true}

func primary(tag string) string {
	p, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	return p
}

// textDirection is "rtl" for a language written right to left, "" otherwise.
func textDirection(lang string) string {
	if rightToLeft[primary(lang)] {
		return "rtl"
	}
	return ""
}

// contentLang is the lang attribute a story's own words need: its language when it
// differs from the page's.
func contentLang(story, site string) string {
	if story == "" || primary(story) == primary(site) {
		return ""
	}
	return story
}
