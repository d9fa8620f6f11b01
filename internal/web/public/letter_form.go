package public

import (
	"net/http"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dateline/internal/letters"
	"dateline/internal/secret"
	"dateline/internal/story"
	"dateline/internal/theme"
)

// letterForm is the "What You Think" form as a page shows it: empty, or sent back
// with the reader's words and what was wrong, so nothing typed is lost.
type letterForm struct {
	StoryID  int64
	Kinds    []kindOption
	Name     string
	Place    string
	Email    string
	Text     string
	Consent  bool
	Started  string // signed time the form was served, for the minimum fill time
	Problems []problem
}

// problem is one reason a message was not sent, and the field to fix (its id),
// linked from the error summary.
type problem struct {
	Text  string
	Field string
}

type kindOption struct {
	Value   letters.Kind
	Checked bool
}

// newLetterForm offers the kinds a reader may send from a page: all four on a story
// with open comments, the private kinds elsewhere.
func newLetterForm(storyID int64, kinds []letters.Kind, token string) *letterForm {
	f := &letterForm{StoryID: storyID, Started: token}
	for i, k := range kinds {
		f.Kinds = append(f.Kinds, kindOption{Value: k, Checked: i == 0})
	}
	return f
}

func (f *letterForm) choose(k letters.Kind) {
	for i := range f.Kinds {
		f.Kinds[i].Checked = f.Kinds[i].Value == k
	}
}

// formToken signs the time a form was served, so a post can prove a reader took
// some time over it (bots post at once).
func formToken(keys *secret.Keys, t time.Time) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return ts + "." + keys.Sign("letter-form", ts)
}

// formAge checks a token and returns how long ago its form was served.
func formAge(keys *secret.Keys, token string, now time.Time) (time.Duration, bool) {
	ts, sig, ok := strings.Cut(token, ".")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if !ok || err != nil || !keys.Verify("letter-form", ts, sig) {
		return 0, false
	}
	return now.Sub(time.Unix(sec, 0)), true
}

// ipHash is the stored form of a reader's address: keyed with the site's secret key,
// so the address cannot be read back, but repeated posts from it can be recognised.
func ipHash(keys *secret.Keys, ip string) string { return keys.Hash("reader-ip", ip) }

// readLetter reads the posted form into a message and the form to show again, with
// every problem found.
func readLetter(r *http.Request, l theme.Labels, st *story.Story, kinds []letters.Kind) (letters.Message, *letterForm) {
	field := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	f := newLetterForm(0, kinds, field("started"))
	if st != nil {
		f.StoryID = st.ID
	}
	f.Name, f.Place, f.Email, f.Text, f.Consent = field(
		"name",
	), field(
		"place",
	), field(
		"email",
	), r.PostFormValue(
		"text",
	), r.PostFormValue(
		"consent",
	) == "yes"
	kind := letters.Kind(field("kind"))
	f.choose(kind)
	m := letters.Message{StoryID: f.StoryID, Kind: kind, Name: f.Name, Place: f.Place, Email: f.Email,
		Text: letters.Normalize(f.Text), State: letters.StatePending}
	problem := func(field, s string) { f.Problems = append(f.Problems, problem{Text: s, Field: field}) }
	for _, v := range []string{f.Name, f.Place, f.Email, f.Text} {
		if !letters.ValidText(v) {
			problem("msg-text", l.T("problem_not_text"))
			break
		}
	}
	offered := false
	for _, k := range kinds {
		offered = offered || k == kind
	}
	switch {
	case !offered:
		problem("kind-"+string(f.Kinds[0].Value), l.T("problem_kind"))
	case kind == letters.KindComment && !f.Consent:
		problem("msg-consent", l.T("problem_consent"))
	case kind.Private() && f.Email == "":
		problem("msg-email", l.T("problem_email_needed"))
	}
	if f.Name == "" {
		problem("msg-name", l.T("problem_name"))
	}
	if utf8.RuneCountInString(f.Name) > letters.MaxNameRunes || utf8.RuneCountInString(f.Place) > letters.MaxPlaceRunes {
		problem("msg-name", l.T("problem_name_long", letters.MaxNameRunes))
	}
	if f.Email != "" {
		if a, err := mail.ParseAddress(f.Email); err != nil || a.Address != f.Email {
			problem("msg-email", l.T("problem_email_wrong"))
		}
	}
	switch n := utf8.RuneCountInString(m.Text); {
	case n == 0:
		problem("msg-text", l.T("problem_text_empty"))
	case n > letters.MaxTextRunes:
		problem("msg-text", l.T("problem_text_long", n, letters.MaxTextRunes))
	}
	if letters.CountLinks(m.Text) > letters.MaxLinks {
		problem("msg-text", l.T("problem_links", letters.MaxLinks))
	}
	return m, f
}
