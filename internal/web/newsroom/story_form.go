package newsroom

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/story"
)

// siteRows is how many related-site rows the editor offers.
const siteRows = 5

// formValues is the editor form as the person typed it, kept to show it again.
type formValues struct {
	Headline     string       `json:"headline"`
	Dek          string       `json:"dek"`
	Slug         string       `json:"slug"`
	Section      string       `json:"section"`
	Language     string       `json:"language"`
	Topics       string       `json:"topics"`
	DatelineCity string       `json:"dateline_city"`
	BureauID     int64        `json:"bureau_id"`
	AuthorIDs    []int64      `json:"author_ids"`
	Body         string       `json:"body"`
	LeadMediaID  int64        `json:"lead_media_id"`
	CreditLine   string       `json:"credit_line"`
	RelatedIDs   string       `json:"related_ids"`
	Sites        []story.Link `json:"sites"`
	CommentsOpen bool         `json:"comments_open"`
	Version      int          `json:"version"`
	// MarkUpdated is the save's "Mark as updated" choice for a published story:
	// "" (if the headline or text changed), "yes" or "no".
	MarkUpdated string `json:"-"`
}

// readForm reads the editor form; problems parsing numbers become field errors.
func readForm(r *http.Request) (formValues, desk.FieldErrors) {
	bad := desk.FieldErrors{}
	f := formValues{
		Headline: r.PostFormValue("headline"), Dek: r.PostFormValue("dek"), Slug: r.PostFormValue("slug"),
		Section: r.PostFormValue(
			"section",
		), Language: r.PostFormValue("language"), Topics: r.PostFormValue("topics"), DatelineCity: r.PostFormValue("dateline_city"),
		Body: r.PostFormValue("body"), CreditLine: r.PostFormValue("credit_line"), RelatedIDs: r.PostFormValue("related_ids"),
		CommentsOpen: r.PostFormValue("comments_open") == "on", MarkUpdated: r.PostFormValue("mark_updated"),
	}
	num := func(field, v string) int64 {
		if strings.TrimSpace(v) == "" {
			return 0
		}
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n < 0 {
			bad[field] = "not a valid choice"
		}
		return n
	}
	f.BureauID = num("bureau_id", r.PostFormValue("bureau_id"))
	f.LeadMediaID = num("lead_media_id", r.PostFormValue("lead_media_id"))
	f.Version = int(num("version", r.PostFormValue("version")))
	for _, v := range r.PostForm["author_ids"] {
		f.AuthorIDs = append(f.AuthorIDs, num("author_ids", v))
	}
	if r.PostFormValue("related_picker") != "" {
		// The picker's ticked stories, in order; the plain field is the API's and old forms'.
		f.RelatedIDs = strings.Join(r.PostForm["related_id"], ", ")
	}
	for i := range siteRows {
		f.Sites = append(
			f.Sites,
			story.Link{Title: r.PostFormValue("site_title_" + strconv.Itoa(i)), URL: r.PostFormValue("site_url_" + strconv.Itoa(i))},
		)
	}
	return f, bad
}

// parseIDs reads "1, 6, 9"; ok is false when a part is not a number.
func parseIDs(s string) (ids []int64, ok bool) {
	ok = true
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			ok = false
			continue
		}
		ids = append(ids, id)
	}
	return ids, ok
}

// input turns the form into a full desk edit.
func (f formValues) input() (desk.StoryInput, desk.FieldErrors) {
	bad := desk.FieldErrors{}
	related, ok := parseIDs(f.RelatedIDs)
	if !ok {
		bad["related_ids"] = "story numbers separated by commas"
	}
	var topics []string
	for _, t := range strings.Split(f.Topics, ",") {
		if t = strings.TrimSpace(t); t != "" {
			topics = append(topics, t)
		}
	}
	sites := f.Sites
	lang := f.Language
	if strings.TrimSpace(lang) == "" {
		lang = "en"
	}
	in := desk.StoryInput{Headline: &f.Headline, Dek: &f.Dek, Slug: &f.Slug, Section: &f.Section, Language: &lang, Topics: &topics,
		DatelineCity: &f.DatelineCity, BureauID: &f.BureauID, Body: &f.Body, LeadMediaID: &f.LeadMediaID,
		CreditLine: &f.CreditLine, RelatedIDs: &related, RelatedSites: &sites, CommentsOpen: &f.CommentsOpen}
	if len(f.AuthorIDs) > 0 {
		ids := f.AuthorIDs
		in.AuthorIDs = &ids
	}
	switch f.MarkUpdated {
	case "yes", "no":
		mark := f.MarkUpdated == "yes"
		in.MarkUpdated = &mark
	}
	return in, bad
}

// valuesOf fills the form from a stored story.
func (s *Server) valuesOf(r *http.Request, st story.Story, sectionPath string) (formValues, error) {
	f := formValues{
		Headline:     st.Headline,
		Dek:          st.Dek,
		Slug:         st.Slug,
		Section:      sectionPath,
		Language:     st.Language,
		DatelineCity: st.DatelineCity,
		BureauID:     st.BureauID,
		AuthorIDs:    st.AuthorIDs,
		Body:         st.BodyMarkdown,
		LeadMediaID:  st.LeadMediaID,
		CreditLine:   st.CreditLine,
		CommentsOpen: st.CommentsOpen,
		Version:      st.Version,
		Sites:        st.RelatedSites,
	}
	topics, err := s.store.TopicsByID(r.Context(), st.TopicIDs)
	if err != nil {
		return f, err
	}
	var names []string
	for _, t := range topics {
		names = append(names, t.Name)
	}
	f.Topics = strings.Join(names, ", ")
	var rel []string
	for _, id := range st.RelatedIDs {
		rel = append(rel, strconv.FormatInt(id, 10))
	}
	f.RelatedIDs = strings.Join(rel, ", ")
	for len(f.Sites) < siteRows {
		f.Sites = append(f.Sites, story.Link{})
	}
	return f, nil
}

func (f formValues) json() string {
	b, _ := json.Marshal(f)
	return string(b)
}
