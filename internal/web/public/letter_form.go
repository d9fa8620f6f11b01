package public

import (
	"fmt"
	"net/http"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dateline/internal/letters"
	"dateline/internal/secret"
	"dateline/internal/story"
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
	Label   string
	Checked bool
}

var kindLabels = map[letters.Kind]string{
	letters.KindComment:    "A comment for publication",
	letters.KindPrivate:    "A private message to the newsroom",
	letters.KindCorrection: "A correction request about this story",
	letters.KindTip:        "A news tip",
}

// newLetterForm offers the kinds a reader may send from a page: all four on a story
// with open comments, the private kinds elsewhere.
func newLetterForm(storyID int64, kinds []letters.Kind, token string) *letterForm {
	f := &letterForm{StoryID: storyID, Started: token}
	for i, k := range kinds {
		f.Kinds = append(f.Kinds, kindOption{Value: k, Label: kindLabels[k], Checked: i == 0})
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
func readLetter(r *http.Request, st *story.Story, kinds []letters.Kind) (letters.Message, *letterForm) {
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
			problem("msg-text", "Your message contains characters that are not text. Please type it again.")
			break
		}
	}
	offered := false
	for _, k := range kinds {
		offered = offered || k == kind
	}
	switch {
	case !offered:
		problem("kind-"+string(f.Kinds[0].Value), "Please choose what kind of message you are sending.")
	case kind == letters.KindComment && !f.Consent:
		problem("msg-consent", "Please agree that your comment may be published, or send it as a private message.")
	case kind.Private() && f.Email == "":
		problem("msg-email", "Please give your email address so that we can answer you.")
	}
	if f.Name == "" {
		problem("msg-name", "Please give your name.")
	}
	if utf8.RuneCountInString(f.Name) > letters.MaxNameRunes || utf8.RuneCountInString(f.Place) > letters.MaxPlaceRunes {
		problem("msg-name", fmt.Sprintf("Your name and place must be at most %d characters each.", letters.MaxNameRunes))
	}
	if f.Email != "" {
		if a, err := mail.ParseAddress(f.Email); err != nil || a.Address != f.Email {
			problem("msg-email", "Your email address does not look right.")
		}
	}
	switch n := utf8.RuneCountInString(m.Text); {
	case n == 0:
		problem("msg-text", "Please write a message.")
	case n > letters.MaxTextRunes:
		problem("msg-text", fmt.Sprintf("Your message is %d characters long; the limit is %d.", n, letters.MaxTextRunes))
	}
	if letters.CountLinks(m.Text) > letters.MaxLinks {
		problem("msg-text", fmt.Sprintf("Please include at most %d links.", letters.MaxLinks))
	}
	return m, f
}
