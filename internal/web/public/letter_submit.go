package public

import (
	"errors"
	"net/http"
	"net/mail"
	"strconv"
	"strings"
	"unicode/utf8"

	"dateline/internal/letters"
	"dateline/internal/story"
	"dateline/internal/web"
)

// noticePage tells a reader what happened to what they sent.
type noticePage struct {
	chrome
	Heading  string
	Lines    []string
	Problems []string
	BackURL  string
	BackText string
}

// letterSubmit takes a message from a story's "What You Think" form and files it on
// the letters desk as pending; nothing a reader sends is published unmoderated.
func (s *Server) letterSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return &web.Error{Status: http.StatusRequestEntityTooLarge, Public: "Your message is too long to send.", Err: err}
	}
	c, err := s.chrome(r.Context(), "Your message", "")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PostFormValue("story"), 10, 64)
	if err != nil {
		return &web.Error{Status: http.StatusBadRequest, Public: "This message is not about a story we know."}
	}
	st, err := s.store.StoryByID(r.Context(), id)
	if errors.Is(err, story.ErrNotFound) || (err == nil && !st.Visible()) {
		return &web.Error{Status: http.StatusNotFound, Public: "This message is not about a story we know."}
	}
	if err != nil {
		return err
	}
	back := c.storyPath(st)
	m, problems := letterFromForm(r, st)
	if len(problems) > 0 {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnprocessableEntity)
		return s.theme.Render(w, "notice", noticePage{chrome: c, Heading: "Your message was not sent", Problems: problems,
			BackURL: back + "#what-you-think", BackText: "Back to the story"})
	}
	if err := s.store.CreateMessage(r.Context(), &m); err != nil {
		return err
	}
	lines := []string{"Thank you. Your message has reached the newsroom."}
	if m.Kind == letters.KindComment {
		lines = append(lines, "Editors read every comment; the ones chosen for publication appear under \"You said it...\".")
	}
	return s.html(w, "notice", noticePage{chrome: c, Heading: "Thank you for writing", Lines: lines, BackURL: back, BackText: "Back to the story"})
}

// letterFromForm reads and checks the form, returning every problem at once.
func letterFromForm(r *http.Request, st story.Story) (letters.Message, []string) {
	field := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	m := letters.Message{StoryID: st.ID, Kind: letters.Kind(field("kind")), Name: field("name"), Place: field("place"),
		Email: field("email"), Text: strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("text"), "\r\n", "\n")),
		State: letters.StatePending}
	var problems []string
	switch m.Kind {
	case letters.KindComment:
		if !st.CommentsOpen {
			problems = append(problems, "Comments are closed for this story.")
		}
		if r.PostFormValue("consent") != "yes" {
			problems = append(problems, "Please agree that your comment may be published, or send it as a private message.")
		}
	case letters.KindPrivate:
		if m.Email == "" {
			problems = append(problems, "Please give your email address so that we can answer a private message.")
		}
	default:
		problems = append(problems, "Please choose whether your message is a comment or a private message.")
	}
	if m.Name == "" {
		problems = append(problems, "Please give your name.")
	}
	if utf8.RuneCountInString(m.Name) > 100 || utf8.RuneCountInString(m.Place) > 100 {
		problems = append(problems, "Your name and place must be at most 100 characters each.")
	}
	if m.Email != "" {
		if a, err := mail.ParseAddress(m.Email); err != nil || a.Address != m.Email {
			problems = append(problems, "Your email address does not look right.")
		}
	}
	if m.Text == "" {
		problems = append(problems, "Please write a message.")
	}
	if n := utf8.RuneCountInString(m.Text); n > letters.MaxTextRunes {
		problems = append(problems, "Your message is "+strconv.Itoa(n)+" characters long; the limit is "+strconv.Itoa(letters.MaxTextRunes)+".")
	}
	return m, problems
}
