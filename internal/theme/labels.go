package theme

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Labels are the words public pages print around the newsroom's own text
// (headings, buttons, form labels, dates, messages) in one language. They all
// live in labels/<language>.json: English is the embedded default, and a file of
// the same shape in the theme directory adds or replaces a language, so a site is
// translated without touching a template or the code.
//
// A label is a string, or, where a number decides the form, an object of CLDR
// plural forms ("one", "few", "many", "other"...). Strings are fmt formats: a
// translation may reorder its arguments with %[2]s. Square brackets mark the text
// of a link (see Link).
type Labels struct {
	name  string // the file's name: labels/<name>.json
	lang  language.Tag
	text  map[string]string // key, or key#form for plural forms
	plain map[string]string // English, for keys a translation leaves out
}

// T returns the label, formatted with args when it has any.
func (l Labels) T(key string, args ...any) string {
	return format(l.lookup(key), args)
}

// N returns the plural form of the label that n calls for in the labels'
// language, formatted with n and then args.
func (l Labels) N(key string, n int, args ...any) string {
	form := plural.Cardinal.MatchPlural(l.lang, n, 0, 0, 0, 0)
	s, ok := l.text[key+"#"+formNames[form]]
	if !ok {
		s = l.lookup(key + "#other")
	}
	return format(s, append([]any{n}, args...))
}

// Link returns the label as HTML with its [bracketed] words linked to href; the
// label and args are escaped.
func (l Labels) Link(key, href string, args ...any) template.HTML {
	s := l.T(key, args...)
	before, rest, ok := strings.Cut(s, "[")
	linked, after, ok2 := strings.Cut(rest, "]")
	if !ok || !ok2 {
		return template.HTML(html.EscapeString(s))
	}
	return template.HTML(html.EscapeString(before) + `<a href="` + html.EscapeString(href) + `">` + html.EscapeString(linked) + "</a>" +
		html.EscapeString(after))
}

// Has reports whether key is a label.
func (l Labels) Has(key string) bool {
	_, ok := l.plain[key]
	return ok
}

// key is the labels' language as the theme files them.
func (l Labels) key() string { return l.name }

func (l Labels) lookup(key string) string {
	if s, ok := l.text[key]; ok {
		return s
	}
	if s, ok := l.plain[key]; ok {
		return s
	}
	return key // a missing label shows its key; TestEveryLabelExists keeps that from shipping
}

func format(s string, args []any) string {
	if len(args) == 0 || !strings.Contains(s, "%") {
		return s
	}
	return fmt.Sprintf(s, args...)
}

var formNames = map[plural.Form]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many"}

// loadLabels reads every labels/*.json of the theme. English must be there; a
// translation may leave labels out (English shows) but may not name a label
// English lacks, so a typo fails at start-up rather than on a page.
func loadLabels(fsys fs.FS) (map[string]Labels, error) {
	names, err := fs.Glob(fsys, "labels/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names) // en.json is read wherever it sorts; the checks below need it first
	raw := map[string]map[string]string{}
	for _, name := range names {
		lang := strings.ToLower(strings.TrimSuffix(path.Base(name), ".json"))
		if _, err := language.Parse(lang); err != nil {
			return nil, fmt.Errorf("theme: %s: the file name is not a language tag", name)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		text, err := parseLabels(body)
		if err != nil {
			return nil, fmt.Errorf("theme: %s: %w", name, err)
		}
		raw[lang] = text
	}
	en, ok := raw["en"]
	if !ok {
		return nil, fmt.Errorf("theme: labels/en.json is missing")
	}
	out := map[string]Labels{}
	for lang, text := range raw {
		for key := range text {
			base, _, _ := strings.Cut(key, "#")
			if _, known := en[key]; !known && en[base+"#other"] == "" {
				return nil, fmt.Errorf("theme: labels/%s.json: %q is not a label (labels/en.json lists them all)", lang, base)
			}
		}
		out[lang] = Labels{name: lang, lang: language.Make(lang), text: text, plain: en}
	}
	return out, nil
}

// parseLabels flattens a labels file: plain labels by key, plural forms as key#form.
func parseLabels(body []byte) (map[string]string, error) {
	var file map[string]json.RawMessage
	if err := json.Unmarshal(body, &file); err != nil {
		return nil, err
	}
	text := map[string]string{}
	for key, v := range file {
		var s string
		if json.Unmarshal(v, &s) == nil {
			text[key] = s
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			return nil, fmt.Errorf("label %q: a string or an object of plural forms", key)
		}
		if forms["other"] == "" {
			return nil, fmt.Errorf("label %q: plural forms need \"other\"", key)
		}
		for form, s := range forms {
			if !knownForm(form) {
				return nil, fmt.Errorf("label %q: %q is not a plural form (zero, one, two, few, many, other)", key, form)
			}
			text[key+"#"+form] = s
		}
	}
	return text, nil
}

func knownForm(name string) bool {
	for _, n := range formNames {
		if n == name {
			return true
		}
	}
	return false
}

// Labels returns the labels for a language tag: the exact language, else its base
// language ("pt" for "pt-BR"), else English.
func (t *Theme) Labels(lang string) Labels {
	if l, ok := t.labels[strings.ToLower(lang)]; ok {
		return l
	}
	if tag, err := language.Parse(lang); err == nil {
		base, _ := tag.Base()
		if l, ok := t.labels[base.String()]; ok {
			return l
		}
	}
	return t.labels["en"]
}
