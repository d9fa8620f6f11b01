package desk

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"dateline/internal/media"
	"dateline/internal/section"
	"dateline/internal/slug"
	"dateline/internal/story"
)

// StoryInput is an edit to a story. A nil field is left as it is, so the same type
// serves a full form and a partial API PATCH.
type StoryInput struct {
	Headline     *string       `json:"headline"`
	Dek          *string       `json:"dek"`
	Slug         *string       `json:"slug"`
	Language     *string       `json:"language"`
	Section      *string       `json:"section"` // path: "world" or "world/asia"
	Topics       *[]string     `json:"topics"`  // names or slugs; new ones are created
	DatelineCity *string       `json:"dateline_city"`
	BureauID     *int64        `json:"bureau_id"`
	AuthorIDs    *[]int64      `json:"author_ids"`
	Body         *string       `json:"body_markdown"`
	LeadMediaID  *int64        `json:"lead_media_id"`
	CreditLine   *string       `json:"credit_line"`
	RelatedIDs   *[]int64      `json:"related_ids"`
	RelatedSites *[]story.Link `json:"related_sites"`
	CommentsOpen *bool         `json:"comments_open"`
	// MarkUpdated says whether a save of a published story moves its "Updated"
	// time: nil decides by the change (a new headline or body does, other fields
	// do not).
	MarkUpdated *bool `json:"mark_updated"`
}

// apply validates in against the stored world and writes it onto st. It reports
// every problem at once, by field, and changes nothing stored. generated says the
// slug was made from the headline rather than typed, so a clash may be resolved by
// numbering it.
func (d *Desk) apply(ctx context.Context, st *story.Story, in StoryInput) (generated bool, err error) {
	bad := FieldErrors{}
	oldHeadline, oldSlug := st.Headline, st.Slug
	text := func(field string, p *string, dst *string, max int, required bool) {
		if p == nil {
			if required && strings.TrimSpace(*dst) == "" {
				bad[field] = "required"
			}
			return
		}
		v := strings.TrimSpace(*p)
		switch {
		case required && v == "":
			bad[field] = "required"
		case utf8.RuneCountInString(v) > max:
			bad[field] = fmt.Sprintf("at most %d characters", max)
		default:
			*dst = v
		}
	}
	text("headline", in.Headline, &st.Headline, 300, true)
	text("dek", in.Dek, &st.Dek, 600, false)
	text("dateline_city", in.DatelineCity, &st.DatelineCity, 80, false)
	text("credit_line", in.CreditLine, &st.CreditLine, 500, false)
	text("language", in.Language, &st.Language, 20, false)
	if in.Body != nil {
		if len(*in.Body) > 200_000 {
			bad["body_markdown"] = "at most 200,000 bytes"
		} else {
			st.BodyMarkdown = strings.ReplaceAll(*in.Body, "\r\n", "\n")
		}
	}
	typed := oldSlug
	if in.Slug != nil {
		typed = strings.TrimSpace(*in.Slug)
	}
	switch {
	case typed != "" && typed != oldSlug: // typed by hand: taken as it is, or refused
		if !slug.Valid(typed) {
			bad["slug"] = fmt.Sprintf("letters and digits of any script joined by single hyphens, at most %d characters", slug.MaxRunes)
		} else {
			st.Slug = typed
		}
	case typed == "", st.PublishedAt.IsZero() && followsHeadline(oldSlug, oldHeadline, st.ID):
		// A new story, a cleared slug, or a draft whose slug still follows its
		// headline: made from the headline once it is applied.
		generated = true
	}
	if in.Section != nil || st.SectionID == 0 {
		path := ""
		if in.Section != nil {
			path = strings.Trim(strings.TrimSpace(*in.Section), "/")
		}
		secs, err := d.Store.Sections(ctx)
		if err != nil {
			return false, err
		}
		if sec, ok := section.NewTree(secs).ByPath(path); ok {
			st.SectionID = sec.ID
		} else {
			bad["section"] = "choose a section"
		}
	}
	if in.Topics != nil {
		ids, err := d.topicIDs(ctx, *in.Topics)
		if err != nil {
			var fe FieldErrors
			if !errors.As(err, &fe) {
				return false, err
			}
			bad["topics"] = fe["topics"]
		}
		st.TopicIDs = ids
	}
	if in.BureauID != nil {
		if *in.BureauID != 0 {
			if _, err := d.Store.BureauByID(ctx, *in.BureauID); err != nil {
				bad["bureau_id"] = "no such bureau"
			}
		}
		st.BureauID = *in.BureauID
	}
	if in.AuthorIDs != nil {
		list, err := d.Store.PeopleByID(ctx, *in.AuthorIDs)
		if err != nil {
			return false, err
		}
		if len(list) != len(dedupe(*in.AuthorIDs)) {
			bad["author_ids"] = "unknown person"
		}
		st.AuthorIDs = dedupe(*in.AuthorIDs)
	}
	if in.LeadMediaID != nil {
		if *in.LeadMediaID != 0 {
			if _, err := d.Store.MediaByID(ctx, *in.LeadMediaID); errors.Is(err, media.ErrNotFound) {
				bad["lead_media_id"] = "no such photo"
			} else if err != nil {
				return false, err
			}
		}
		st.LeadMediaID = *in.LeadMediaID
	}
	if in.RelatedIDs != nil {
		ids := dedupe(*in.RelatedIDs)
		for _, id := range ids {
			if id == st.ID && id != 0 {
				bad["related_ids"] = "a story cannot be related to itself"
			} else if _, err := d.Store.StoryByID(ctx, id); err != nil {
				bad["related_ids"] = fmt.Sprintf("story %d does not exist", id)
			}
		}
		st.RelatedIDs = ids
	}
	if in.RelatedSites != nil {
		var sites []story.Link
		for _, l := range *in.RelatedSites {
			l.Title, l.URL = strings.TrimSpace(l.Title), strings.TrimSpace(l.URL)
			if l.Title == "" && l.URL == "" {
				continue
			}
			if err := l.Validate(); err != nil {
				bad["related_sites"] = "each site needs a title and an http or https URL"
			}
			sites = append(sites, l)
		}
		st.RelatedSites = sites
	}
	if in.CommentsOpen != nil {
		st.CommentsOpen = *in.CommentsOpen
	}
	if len(bad) > 0 {
		return false, bad
	}
	if generated {
		st.Slug = story.Slugify(st.Headline)
		if st.Slug == "" && st.ID != 0 {
			st.Slug = "story-" + strconv.FormatInt(st.ID, 10) // a new story gets its name from the store
		}
	}
	if err := st.Validate(); err != nil {
		return false, FieldErrors{"story": strings.TrimPrefix(err.Error(), story.ErrInvalid.Error()+": ")}
	}
	return generated, nil
}

// followsHeadline reports whether a slug is the one made from a headline (numbered
// after a clash, or story-<id> for a headline with no letters), so it may follow
// the headline while the story is a draft.
func followsHeadline(current, headline string, id int64) bool {
	if current == "" || current == "story-"+strconv.FormatInt(id, 10) {
		return true
	}
	made := story.Slugify(headline)
	if made == "" {
		return false
	}
	if current == made {
		return true
	}
	for n := 2; n <= maxSlugTries; n++ {
		if current == slug.WithSuffix(made, n) {
			return true
		}
	}
	return false
}

// maxSlugTries is how many numbered slugs a clash tries before giving up.
const maxSlugTries = 50

// numbered runs save with st's generated slug, then "-2", "-3"… while another
// story has (or once had) it. A typed slug is tried once: its clash is the editor's
// to resolve.
func numbered(st *story.Story, generated bool, save func() error) error {
	base := st.Slug
	for n := 1; ; n++ {
		if n > 1 {
			st.Slug = slug.WithSuffix(base, n)
		}
		err := save()
		if !errors.Is(err, story.ErrSlugTaken) || !generated || base == "" || n == maxSlugTries {
			return err
		}
	}
}

// topicIDs resolves topic names or slugs, creating topics that do not exist yet.
func (d *Desk) topicIDs(ctx context.Context, names []string) ([]int64, error) {
	var ids []int64
	for _, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		slug := story.Slugify(name)
		if slug == "story" && !strings.EqualFold(name, "story") {
			return ids, FieldErrors{"topics": fmt.Sprintf("%q needs letters or digits", name)}
		}
		t, err := d.Store.TopicBySlug(ctx, slug)
		if errors.Is(err, section.ErrNotFound) {
			t = section.Topic{Slug: slug, Name: name}
			err = d.Store.CreateTopic(ctx, &t)
		}
		if err != nil {
			return ids, err
		}
		ids = append(ids, t.ID)
	}
	return dedupe(ids), nil
}

func dedupe(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
