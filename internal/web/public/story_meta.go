package public

import (
	"html/template"
	"strings"
	"time"

	"dateline/internal/render"
	"dateline/internal/story"
)

// storyMeta is what a story page tells search engines and social sites: schema.org
// NewsArticle JSON-LD and Open Graph / Twitter card tags.
type storyMeta struct {
	JSONLD    template.JS
	Title     string
	Summary   string
	URL       string
	Image     string
	ImageAlt  string
	Published string
	Modified  string
	Section   string
	Tags      []string
}

type ldPerson struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldCorrection struct {
	Type string `json:"@type"`
	Text string `json:"text"`
	Date string `json:"datePublished"`
}

// buildMeta fills the page's metadata from the story and what the page already built.
func (s *Server) buildMeta(c chrome, st story.Story, p *storyPage, topics []string) error {
	modified := st.PublishedAt
	if st.UpdatedAt.After(modified) {
		modified = st.UpdatedAt
	}
	m := &p.Meta
	m.Title, m.Summary, m.URL, m.Section, m.Tags = st.Headline, st.Dek, c.Canonical, p.SectionName, topics
	m.Published, m.Modified = st.PublishedAt.UTC().Format(time.RFC3339), modified.UTC().Format(time.RFC3339)
	var shapes []string
	if p.Photo != nil {
		// Link previews take the 16:9 crop; search engines all three shapes.
		m.Image, m.ImageAlt = c.canonical(p.Photo.Shapes[0]), p.Photo.Alt
		for _, u := range p.Photo.Shapes {
			shapes = append(shapes, c.canonical(u))
		}
	}
	logo, err := s.theme.AssetURL("logo.svg")
	if err != nil {
		return err
	}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": st.Headline, "datePublished": m.Published, "dateModified": m.Modified,
		"mainEntityOfPage": map[string]string{"@type": "WebPage", "@id": c.Canonical},
		"publisher": map[string]any{"@type": "Organization", "name": c.Site.Name,
			"logo": map[string]string{"@type": "ImageObject", "url": c.canonical(logo)}},
		"articleSection": p.SectionName, "inLanguage": st.Language,
	}
	if st.Dek != "" {
		ld["description"] = st.Dek
	}
	if len(topics) > 0 {
		ld["keywords"] = strings.Join(topics, ", ")
	}
	if len(shapes) > 0 {
		ld["image"] = shapes
	}
	if st.DatelineCity != "" {
		ld["dateline"] = strings.ToUpper(st.DatelineCity)
	}
	var authors []ldPerson
	for _, a := range p.Authors {
		authors = append(authors, ldPerson{Type: "Person", Name: a.Name, URL: c.canonical(a.URL)})
	}
	switch {
	case len(authors) > 0:
		ld["author"] = authors
	case st.Source.Name() != "":
		// Agency copy published as is: the agency is its author.
		ld["author"] = map[string]string{"@type": "Organization", "name": st.Source.Name()}
	}
	var corrections []ldCorrection
	for _, n := range st.Notes {
		if n.Kind == story.NoteCorrection {
			corrections = append(corrections, ldCorrection{Type: "CorrectionComment", Text: n.Text, Date: n.At.UTC().Format(time.RFC3339)})
		}
	}
	if len(corrections) > 0 {
		ld["correction"] = corrections
	}
	m.JSONLD, err = render.JSONLD(ld)
	return err
}
