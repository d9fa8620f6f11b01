// Package demo loads the demo newsroom (original sample stories, sections, bureaus,
// people, photos and reader comments) and generates synthetic archives for benchmarks.
// It is the single source of sample data for the CLI, tests and benchmarks.
package demo

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/wire"
)

// Store is what loading the demo writes to.
type Store interface {
	SaveSite(ctx context.Context, s settings.Site) error
	CreateSection(ctx context.Context, s *section.Section) error
	Sections(ctx context.Context) ([]section.Section, error)
	CreateTopic(ctx context.Context, t *section.Topic) error
	CreateBureau(ctx context.Context, b *people.Bureau) error
	CreatePerson(ctx context.Context, p *people.Person) error
	CreateMedia(ctx context.Context, m *media.Media) error
	CreateStory(ctx context.Context, s *story.Story) error
	UpdateStory(ctx context.Context, s *story.Story) error
	ImportStories(ctx context.Context, list []*story.Story) error
	SetFront(ctx context.Context, sectionID int64, ids []int64, version int64) error
	CreateMessage(ctx context.Context, m *letters.Message) error
	SaveWireItem(ctx context.Context, it wire.Item, at time.Time) (wire.Entry, wire.Outcome, error)
	SitePageBySlug(ctx context.Context, slug string) (settings.Page, error)
	SaveSitePage(ctx context.Context, p *settings.Page) error
}

// Newsroom is what Load created, by key, for tests that need to find things.
type Newsroom struct {
	Site     settings.Site
	Sections map[string]section.Section // by slug
	Topics   map[string]section.Topic   // by slug
	Bureaus  map[string]people.Bureau
	People   map[string]people.Person // by slug
	Stories  map[string]story.Story   // by sample key
}

// Site is the demo site's settings.
func Site() settings.Site {
	return settings.Site{
		Name:                 "Dateline News",
		ShortName:            "Dateline",
		Tagline:              "News from every bureau, as it happens",
		BaseURL:              "http://localhost:8080",
		TimeZone:             "America/New_York",
		Language:             "en",
		CopyrightHolder:      "Dateline News Ltd.",
		CommentsPremoderated: true,
		ReaderDataDays:       90,
	}
}

// Load writes the demo newsroom. now fixes the publication times (stories are dated
// relative to it) so tests get the same newsroom every time.
func Load(ctx context.Context, st Store, blobs media.Blobs, now time.Time) (*Newsroom, error) {
	n := &Newsroom{Site: Site(), Sections: map[string]section.Section{}, Topics: map[string]section.Topic{},
		Bureaus: map[string]people.Bureau{}, People: map[string]people.Person{}, Stories: map[string]story.Story{}}
	if err := st.SaveSite(ctx, n.Site); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := n.loadDesks(ctx, st); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := n.loadStories(ctx, st, blobs, now); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := loadWire(ctx, st, now); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	for _, p := range sitePages() {
		// Every site starts with a terms page; the demo writes over it.
		if old, err := st.SitePageBySlug(ctx, p.Slug); err == nil {
			p.ID, p.Version = old.ID, old.Version
		}
		if err := st.SaveSitePage(ctx, &p); err != nil {
			return nil, fmt.Errorf("demo: page %s: %w", p.Slug, err)
		}
	}
	return n, nil
}

func (n *Newsroom) loadDesks(ctx context.Context, st Store) error {
	for i, s := range []section.Section{
		{Slug: "world", Name: "World"}, {Slug: "business", Name: "Business"},
		{Slug: "science", Name: "Science"}, {Slug: "culture", Name: "Culture"},
	} {
		s.Position = i
		if err := st.CreateSection(ctx, &s); err != nil {
			return err
		}
		n.Sections[s.Slug] = s
	}
	asia := section.Section{Slug: "asia", Name: "Asia", ParentID: n.Sections["world"].ID}
	if err := st.CreateSection(ctx, &asia); err != nil {
		return err
	}
	n.Sections[asia.Slug] = asia
	for _, t := range [][2]string{
		{"transport", "Transport"}, {"cities", "Cities"}, {"climate", "Climate"}, {"oceans", "Oceans"},
		{"trade", "Trade"}, {"aid", "Aid"}, {"public-health", "Public health"}, {"technology", "Technology"},
		{"economy", "Economy"}, {"space", "Space"}, {"music", "Music"}, {"heritage", "Heritage"},
	} {
		topic := section.Topic{Slug: t[0], Name: t[1]}
		if err := st.CreateTopic(ctx, &topic); err != nil {
			return err
		}
		n.Topics[topic.Slug] = topic
	}
	for _, b := range []struct {
		key string
		people.Bureau
	}{
		{"hk", people.Bureau{Name: "Hong Kong bureau", City: "Hong Kong", TimeZone: "Asia/Hong_Kong"}},
		{"ny", people.Bureau{Name: "New York bureau", City: "New York", TimeZone: "America/New_York"}},
		{"ldn", people.Bureau{Name: "London bureau", City: "London", TimeZone: "Europe/London"}},
	} {
		bureau := b.Bureau
		if err := st.CreateBureau(ctx, &bureau); err != nil {
			return err
		}
		n.Bureaus[b.key] = bureau
	}
	for _, p := range []struct {
		people.Person
		bureau string
	}{
		{people.Person{Slug: "mei-lin-chau", Name: "Mei Lin Chau", Title: "Bureau chief", Email: "mei.lin.chau@dateline.example",
			Role: people.RoleEditor,
			Bio:  "Mei Lin Chau has led the Hong Kong bureau since 2021 and covers transport, trade and the region's cities."}, "hk"},
		{people.Person{Slug: "kenji-mori", Name: "Kenji Mori", Title: "Correspondent", Email: "kenji.mori@dateline.example",
			Role: people.RoleWriter,
			Bio:  "Kenji Mori reports on technology and culture from Tokyo and Kyoto."}, "hk"},
		{people.Person{Slug: "tomas-alvarez", Name: "Tomás Álvarez", Title: "Business correspondent",
			Email: "tomas.alvarez@dateline.example", Role: people.RoleWriter,
			Bio: "Tomás Álvarez covers business, science and city life from New York."}, "ny"},
		{people.Person{Slug: "harriet-okafor", Name: "Harriet Okafor", Title: "Science and development correspondent",
			Email: "harriet.okafor@dateline.example", Role: people.RoleWriter,
			Bio: "Harriet Okafor writes about oceans, health and development from London."}, "ldn"},
		{people.Person{Slug: "daniel-brooks", Name: "Daniel Brooks", Title: "Editor", Email: "daniel.brooks@dateline.example",
			Role: people.RoleEditor,
			Bio:  "Daniel Brooks edits the business and world desks."}, ""},
	} {
		person := p.Person
		person.BureauID = n.Bureaus[p.bureau].ID
		if err := st.CreatePerson(ctx, &person); err != nil {
			return err
		}
		n.People[person.Slug] = person
	}
	return nil
}

func (n *Newsroom) loadStories(ctx context.Context, st Store, blobs media.Blobs, now time.Time) error {
	now = now.UTC().Truncate(time.Minute)
	for _, s := range sampleStories {
		v := story.Story{
			Slug: story.Slugify(s.headline), Headline: s.headline, Dek: s.dek, Language: "en",
			SectionID: n.Sections[s.section].ID, DatelineCity: s.city, BureauID: n.Bureaus[s.bureau].ID,
			BodyMarkdown: s.body, CreditLine: s.credit, CommentsOpen: !s.closed, State: story.StateDraft,
			CreatedAt: now.Add(-time.Duration(max(s.hoursAgo, 0)+2) * time.Hour), // a scheduled story was written before now, not at its embargo
		}
		for _, t := range s.topics {
			v.TopicIDs = append(v.TopicIDs, n.Topics[t].ID)
		}
		for _, a := range s.authors {
			v.AuthorIDs = append(v.AuthorIDs, n.People[a].ID)
		}
		for _, l := range s.sites {
			v.RelatedSites = append(v.RelatedSites, story.Link{Title: l[0], URL: l[1]})
		}
		if s.photo != nil {
			m, err := savePhoto(ctx, st, blobs, s.key, *s.photo)
			if err != nil {
				return err
			}
			v.LeadMediaID = m.ID
		}
		published := now.Add(-time.Duration(s.hoursAgo) * time.Hour)
		switch s.state {
		case "":
			v.State, v.PublishedAt = story.StatePublished, published
			if s.updated > 0 {
				v.UpdatedAt = published.Add(time.Duration(s.updated) * time.Hour)
			}
			if s.correct != "" {
				v.Notes = []story.Note{{Kind: story.NoteCorrection, Text: s.correct, At: v.UpdatedAt}}
			}
		case "scheduled":
			v.State, v.ScheduledAt = story.StateScheduled, published
		case "draft":
			v.State = story.StateDraft
		}
		if err := st.CreateStory(ctx, &v); err != nil {
			return fmt.Errorf("story %s: %w", s.key, err)
		}
		n.Stories[s.key] = v
		if err := addComments(ctx, st, v, s.comments); err != nil {
			return err
		}
	}
	// Editors pin related stories once all of them exist.
	for _, s := range sampleStories {
		if len(s.related) == 0 {
			continue
		}
		v := n.Stories[s.key]
		for _, key := range s.related {
			v.RelatedIDs = append(v.RelatedIDs, n.Stories[key].ID)
		}
		if err := st.UpdateStory(ctx, &v); err != nil {
			return err
		}
		n.Stories[s.key] = v
	}
	return st.SetFront(ctx, 0, []int64{n.Stories["ferries"].ID, n.Stories["containers"].ID, n.Stories["corals"].ID}, story.AnyFrontVersion)
}

func addComments(ctx context.Context, st Store, v story.Story, comments []sampleComment) error {
	rank := 0
	for i, c := range comments {
		m := letters.Message{StoryID: v.ID, Kind: letters.KindComment, Name: c.name, Place: c.place, Text: c.text,
			State: letters.State(c.state), CreatedAt: v.PublishedAt.Add(time.Duration(30+i*45) * time.Minute)}
		if m.State == letters.StateFeatured {
			rank++
			m.FeaturedRank = rank
		}
		if err := st.CreateMessage(ctx, &m); err != nil {
			return err
		}
	}
	return nil
}

func savePhoto(ctx context.Context, st Store, blobs media.Blobs, key string, p samplePhoto) (media.Media, error) {
	img, w, h, err := Picture(p.palette, 960, 540)
	if err != nil {
		return media.Media{}, err
	}
	m := media.Media{FileName: "demo/" + key + ".png", ContentType: "image/png", Size: int64(len(img)), Width: w, Height: h,
		Alt: p.alt, Caption: p.caption, Credit: p.credit, Clean: true} // generated here: pixels only
	if err := blobs.Put(m.FileName, bytes.NewReader(img)); err != nil {
		return m, err
	}
	if err := storeRenditions(&m, img, blobs); err != nil { // responsive sizes and crops, as for an upload
		return m, err
	}
	return m, st.CreateMedia(ctx, &m)
}
