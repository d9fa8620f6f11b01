package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseNinjs reads one IPTC ninjs item, any major version. ninjs 1 has singular
// fields (headline, body_html) and maps of renditions and associations; ninjs 2
// has lists (headlines, bodies); ninjs 3 is ninjs 2 in camelCase. Keys are folded
// to lower case first, so 2 and 3 read alike.
func ParseNinjs(data []byte) (Item, error) {
	if !utf8.Valid(data) {
		return Item{}, fmt.Errorf("not UTF-8: ninjs is JSON, which must be UTF-8 (byte %d is not)", invalidAt(data))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return Item{}, fmt.Errorf("not valid JSON: %w", err)
	}
	if dec.More() {
		return Item{}, errors.New("not valid JSON: more than one value")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return Item{}, refuse("not a ninjs item: the JSON is a %s, not an object (send a collection's items one by one)", jsonKind(v))
	}
	if _, isSchema := obj["$schema"]; isSchema && obj["uri"] == nil {
		return Item{}, refuse("a JSON Schema, not a ninjs item")
	}
	major := "ninjs 1"
	switch {
	case hasCamelKey(obj):
		major = "ninjs 3"
	case obj["headlines"] != nil || obj["bodies"] != nil || obj["by"] != nil || obj["subjects"] != nil:
		major = "ninjs 2"
	}
	it, err := ninjsItem(fold(obj).(map[string]any), major, 0)
	if err != nil {
		return Item{}, err
	}
	it.Raw = bytes.Clone(data)
	return it, nil
}

// maxDepth bounds packages inside packages, so hostile copy cannot recurse forever.
const maxDepth = 3

func ninjsItem(m map[string]any, format string, depth int) (Item, error) {
	it := Item{Format: format, ID: str(m["uri"])}
	if it.ID == "" && depth == 0 {
		return Item{}, errors.New("no uri: an item needs its agency id")
	}
	it.Status = readStatus(&it, str(m["pubstatus"]))
	kind, err := ninjsKind(m, it.Status)
	if err != nil {
		return Item{}, err
	}
	it.Kind = kind
	// One field that cannot be read costs that field, not the item.
	it.Version = readNumber(&it, m["version"], "version")
	if it.Urgency = readNumber(&it, m["urgency"], "urgency"); it.Urgency > 9 {
		it.warn("urgency %d is outside 1-9; left out", it.Urgency)
		it.Urgency = 0
	}
	it.Updated = readTime(&it, m["versioncreated"], "versioncreated")
	for _, k := range []string{"firstcreated", "contentcreated"} {
		if it.Created.IsZero() {
			it.Created = readTime(&it, m[k], k)
		}
	}
	if it.Created.IsZero() {
		it.Created = it.Updated
	}
	it.Embargo = readTime(&it, m["embargoed"], "embargoed")
	it.Language = readLanguage(&it, str(m["language"]))

	it.Headline = firstOf(str(m["headline"]), prefixed(m, "headline_"), byRole(m["headlines"], "main", ""), str(m["title"]),
		str(m["slugline"]))
	it.Byline = firstOf(str(m["byline"]), str(m["by"]))
	it.Dateline = str(m["located"])
	it.Body, it.BodyHTML = ninjsBody(m)
	it.Summary = firstOf(str(m["description_text"]), byRole(m["descriptions"], summaryRoles...))
	if it.Summary == "" {
		it.Summary = plainText(byRole(m["descriptions"], "richtext", "html"))
	}
	it.Subjects = names(m["subject"], m["subjects"])
	it.Agency, it.Source = ninjsAgency(m)
	if it.Kind == KindNotice {
		return it, nil
	}
	if it.Kind == KindPicture {
		it.Caption = firstOf(byRole(m["descriptions"], "caption"), it.Summary, it.Headline)
		it.Credit = firstOf(byRole(m["descriptions"], "creditline"), str(m["copyrightholder"]), it.Byline, it.Agency)
		it.Renditions = renditions(m["renditions"])
		if len(it.Renditions) == 0 {
			return Item{}, refuse("picture %q has no renditions to show", it.ID)
		}
		return it, nil
	}
	if depth >= maxDepth && it.Kind == KindPackage {
		return Item{}, fmt.Errorf("packages nested more than %d deep", maxDepth)
	}
	var members []Item
	for _, a := range associations(m["associations"]) {
		member, err := ninjsItem(a, format, depth+1)
		if errors.Is(err, ErrRefused) {
			continue // a package's video or audio is left out; its story and photos stay
		}
		if err != nil {
			return Item{}, fmt.Errorf("package member: %w", err)
		}
		if member.Agency == "" {
			member.Agency = it.Agency
		}
		members = append(members, member)
	}
	if it.Kind == KindText {
		if it.Headline == "" {
			if it.Headline = firstSentence(it.Body, it.BodyHTML); it.Headline == "" {
				return Item{}, errEmpty()
			}
			it.HeadlineDerived = true
		}
		// A story travelling with its pictures is a package of the story and them:
		// the first picture becomes the lead-photo candidate.
		var pictures []Item
		for _, mem := range members {
			if mem.Kind == KindPicture {
				pictures = append(pictures, mem)
			}
		}
		if len(pictures) > 0 && depth == 0 {
			story := it
			it.Kind, it.Members = KindPackage, append([]Item{story}, pictures...)
		}
		return it, nil
	}
	it.Members = members
	if len(it.Members) == 0 && it.Body == "" {
		return Item{}, refuse("package %q carries no story or photo Dateline can use", it.ID)
	}
	return it, nil
}

// summaryRoles are the description roles that summarise the copy; a caption, a
// credit line or a writer's name never becomes the summary.
var summaryRoles = []string{"summary", "abstract", "drol:summary", "drol:abstract", "lead", "text", "plain", "description"}

// ninjsKind maps the item's type, or its shape where the type is left out (the
// schema's default is text).
func ninjsKind(m map[string]any, status Status) (Kind, error) {
	hasText := m["headline"] != nil || m["headlines"] != nil || prefixed(m, "headline_") != "" || str(m["title"]) != "" ||
		m["body_text"] != nil || m["body_html"] != nil || m["bodies"] != nil || prefixed(m, "body_") != ""
	switch t := str(m["type"]); t {
	case "text":
		if !hasText && status != StatusUsable {
			return KindNotice, nil
		}
		return KindText, nil
	case "picture", "graphic":
		return KindPicture, nil
	case "composite":
		return KindPackage, nil
	case "audio", "video":
		return "", refuse("%s items are not taken: Dateline publishes text and pictures", t)
	case "event", "planning", "concept":
		return "", refuse("%s items describe news to come, not copy to publish", t)
	case "":
		switch {
		case m["events"] != nil || m["eventdetails"] != nil:
			return "", refuse("event items describe news to come, not copy to publish")
		case m["associations"] != nil && m["body_text"] == nil && m["bodies"] == nil && m["body_html"] == nil:
			return KindPackage, nil
		case m["renditions"] != nil && m["headline"] == nil && m["headlines"] == nil && str(m["title"]) == "":
			return KindPicture, nil // a picture's files with no words of its own
		case hasText:
			return KindText, nil
		case status != StatusUsable:
			return KindNotice, nil
		}
		return "", errEmpty()
	default:
		return "", refuse("unknown item type %q", t)
	}
}

// ninjsBody prefers HTML copy to plain text, so paragraphs and links survive.
func ninjsBody(m map[string]any) (string, bool) {
	for _, k := range []string{"body_html", "body_xhtml", "body_richtext"} {
		if s := str(m[k]); s != "" {
			return s, true
		}
	}
	if s := firstOf(str(m["body_text"]), prefixed(m, "body_")); s != "" {
		return s, false // ninjs 1.5+ names bodies freely (body_main)
	}
	var text string
	for _, b := range list(m["bodies"]) {
		ct, v := str(b["contenttype"]), str(b["value"])
		if v == "" {
			continue
		}
		if strings.Contains(ct, "html") {
			return v, true
		}
		if text == "" {
			text = v
		}
	}
	return text, false
}

// ninjsAgency names who the copy comes from: its copyright holder, else its first
// source (each also the source the queue knows it by), else the host of its URI,
// which names no provider.
func ninjsAgency(m map[string]any) (name, source string) {
	if s := str(m["copyrightholder"]); s != "" {
		return s, s
	}
	for _, src := range list(m["infosources"]) {
		if s := str(src["name"]); s != "" {
			return s, s
		}
	}
	if u, err := url.Parse(str(m["uri"])); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www."), ""
	}
	return "", ""
}

// renditions reads ninjs 1's map or ninjs 2's list, largest first.
func renditions(v any) []Rendition {
	var out []Rendition
	add := func(name string, r map[string]any) {
		href := str(r["href"])
		if href == "" {
			return
		}
		w, _ := number(r["width"], "")
		h, _ := number(r["height"], "")
		out = append(out, Rendition{Name: firstOf(str(r["name"]), name), Href: href,
			MediaType: firstOf(str(r["contenttype"]), str(r["mimetype"])), Width: w, Height: h})
	}
	if m, ok := v.(map[string]any); ok {
		for _, name := range sortedKeys(m) {
			if r, ok := m[name].(map[string]any); ok {
				add(name, r)
			}
		}
	}
	for _, r := range list(v) {
		add("", r)
	}
	sortRenditions(out)
	return out
}

// associations reads ninjs 1's map or ninjs 2's list of items.
func associations(v any) []map[string]any {
	if m, ok := v.(map[string]any); ok {
		var out []map[string]any
		for _, name := range sortedKeys(m) {
			if a, ok := m[name].(map[string]any); ok {
				out = append(out, a)
			}
		}
		return out
	}
	return list(v)
}

// names reads subject names from ninjs 1's subject or ninjs 2's subjects.
func names(vs ...any) []string {
	var out []string
	for _, v := range vs {
		for _, s := range list(v) {
			if n := firstOf(str(s["name"]), str(s["literal"])); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// byRole returns the value of the first entry with one of the roles ("" matches any).
func byRole(v any, roles ...string) string {
	entries := list(v)
	for _, role := range roles {
		for _, e := range entries {
			if (role == "" || str(e["role"]) == role) && str(e["value"]) != "" {
				return str(e["value"])
			}
		}
	}
	return ""
}

// fold lower-cases every object key, so ninjs 3's versionCreated reads as ninjs 2's
// versioncreated.
func fold(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[strings.ToLower(k)] = fold(x)
		}
		return out
	case []any:
		for i := range t {
			t[i] = fold(t[i])
		}
	}
	return v
}

// prefixed returns the value of the first key with the prefix, ninjs 1's
// "headline_main" style, "_main" first.
func prefixed(m map[string]any, prefix string) string {
	if s := str(m[prefix+"main"]); s != "" {
		return s
	}
	for _, k := range sortedKeys(m) {
		if s := str(m[k]); strings.HasPrefix(k, prefix) && s != "" {
			return s
		}
	}
	return ""
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "list"
	case string:
		return "string"
	case nil:
		return "null"
	}
	return "number or boolean"
}

func hasCamelKey(m map[string]any) bool {
	for k := range m {
		for i, r := range k {
			if i > 0 && unicode.IsUpper(r) {
				return true
			}
		}
	}
	return false
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

func list(v any) []map[string]any {
	vs, _ := v.([]any)
	out := make([]map[string]any, 0, len(vs))
	for _, x := range vs {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// number reads a JSON number or a numeric string ("version": "6").
func number(v any, field string) (int, error) {
	var s string
	switch t := v.(type) {
	case nil:
		return 0, nil
	case json.Number:
		s = t.String()
	case string:
		if s = strings.TrimSpace(t); s == "" {
			return 0, nil
		}
	default:
		return 0, fmt.Errorf("%s is not a number", field)
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s %q is not a whole number", field, s)
	}
	return n, nil
}

// invalidAt is the offset of the first byte that is not UTF-8.
func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}
