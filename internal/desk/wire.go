package desk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"dateline/internal/event"
	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/story"
	"dateline/internal/wire"
)

// WireStore is what the desk needs to make stories from the wire queue.
type WireStore interface {
	wire.Store
	CreateStoryFromWire(ctx context.Context, st *story.Story, use wire.Use) error
}

// Fetcher opens a wire photo's file at url (the agency's rendition link). The server
// gives one that refuses private addresses; nil means photos are not fetched.
type Fetcher func(ctx context.Context, url string) (io.ReadCloser, error)

// ErrWithdrawn refuses to use copy the agency has withdrawn or killed.
var ErrWithdrawn = errors.New("the agency has withdrawn this item: it must not be used")

// WireUse is the result of using a queue item: the story and, when the item's photo
// could not be made its lead image, why.
type WireUse struct {
	Story     story.Story
	PhotoNote string
}

// UseWire makes a story from a queue item in the section at sectionPath: a draft the
// actor works on, or, asIs, a story published at once exactly as the agency sent it
// (editors only). The story keeps the copy, the agency's credit line and the item as
// its source; the item's first photo, when it has one, becomes the lead image.
func (d *Desk) UseWire(ctx context.Context, a Actor, entryID int64, sectionPath string, asIs bool) (WireUse, error) {
	need := people.ActWriteOwn
	if asIs {
		need = people.ActPublish
	}
	if !a.Person.Can(need) {
		return WireUse{}, ErrForbidden
	}
	e, err := d.Store.WireEntry(ctx, entryID)
	if err != nil {
		return WireUse{}, err
	}
	if e.Withdrawn() {
		return WireUse{}, ErrWithdrawn
	}
	text, photos := d.wireParts(ctx, e)
	if text.Kind != wire.KindText && text.Kind != wire.KindPackage {
		return WireUse{}, FieldErrors{"item": "a wire photo is not a story: add it to the photo library instead"}
	}
	body := text.Markdown()
	headline := text.Headline
	if headline == "" {
		headline = firstWords(body, 12)
	}
	// Agency fields longer than the newsroom's limits are cut rather than refused.
	headline, dek, city := clip(headline, 300), clip(text.Summary, 600), clip(text.Dateline, 80)
	credit, lang := clip(creditLine(text.Byline, e.Item.Agency), 500), clip(text.Language, 20)
	if lang == "" {
		lang = "en"
	}
	in := StoryInput{Headline: &headline, Dek: &dek, Section: &sectionPath, DatelineCity: &city, Body: &body,
		CreditLine: &credit, Language: &lang}
	st := story.Story{State: story.StateDraft, CommentsOpen: true, ModifiedBy: a.Person.ID,
		Source: story.Source{Agency: e.Item.Key(), ItemID: e.Item.ID, Version: e.Item.Version}}
	if !asIs {
		st.AuthorIDs = []int64{a.Person.ID} // the one rewriting it; agency copy as is has no staff byline
	}
	var out WireUse
	if _, err := d.apply(ctx, &st, in); err != nil {
		return out, err
	}
	// The photo is fetched only once the story is known to be valid, so a refused
	// use leaves no stray photo in the library.
	if len(photos) > 0 {
		if m, err := d.wirePhoto(ctx, a, photos[0]); err != nil {
			out.PhotoNote = "The agency's photo could not be added: " + err.Error()
		} else {
			st.LeadMediaID = m.ID
		}
	}
	switch embargoed := e.Item.Embargoed(d.Now()); {
	case asIs && embargoed:
		// Published as is before the agency's embargo: held until it lifts.
		if err := st.Transition(story.StateScheduled, e.Item.Embargo, d.Now()); err != nil {
			return out, err
		}
	case asIs:
		if err := st.Transition(story.StatePublished, time.Time{}, d.Now()); err != nil {
			return out, err
		}
	case embargoed:
		st.ScheduledAt = e.Item.Embargo.UTC() // the draft's schedule, for its editor to keep
	}
	if st.Slug == "" {
		st.Slug = story.Slugify("wire " + e.Item.Agency)
	}
	action := event.WireUse
	if asIs {
		action = event.WirePublish
	}
	err = numbered(&st, true, func() error {
		return d.Store.Atomically(ctx, func(ctx context.Context) error {
			if err := d.Store.CreateStoryFromWire(ctx, &st, wire.Use{EntryID: e.ID, AsIs: asIs, By: a.Person.ID}); err != nil {
				return err
			}
			return d.audit(ctx, a, action, st.ID, fmt.Sprintf("%s %s version %d", e.Item.Agency, e.Item.ID, e.Item.Version))
		})
	})
	out.Story = st
	return out, err
}

// wireParts finds an item's story copy and photos: a package's text member (carried
// inside it, or linked and queued apart) and its pictures.
func (d *Desk) wireParts(ctx context.Context, e wire.Entry) (text wire.Item, photos []wire.Item) {
	text = e.Item
	if e.Item.Kind == wire.KindPicture {
		return text, []wire.Item{e.Item}
	}
	members := append([]wire.Item{}, e.Item.Members...)
	for _, ref := range e.Item.Refs {
		if m, err := d.Store.WireEntryByKey(ctx, e.Item.Key(), ref.ID); err == nil && !m.Withdrawn() {
			members = append(members, m.Item)
		}
	}
	for _, m := range members {
		switch {
		case m.Kind == wire.KindPicture:
			photos = append(photos, m)
		case m.Kind == wire.KindText && strings.TrimSpace(text.Body) == "":
			text.Body, text.BodyHTML = m.Body, m.BodyHTML
			text.Headline = firstNonEmpty(text.Headline, m.Headline)
			text.Byline, text.Dateline = firstNonEmpty(text.Byline, m.Byline), firstNonEmpty(text.Dateline, m.Dateline)
		}
	}
	return text, photos
}

// AddWirePhoto fetches a wire photo's largest rendition into the photo library, with
// the agency's caption and credit.
func (d *Desk) AddWirePhoto(ctx context.Context, a Actor, entryID int64) (media.Media, error) {
	if !a.Person.Can(people.ActUploadMedia) {
		return media.Media{}, ErrForbidden // before any fetching
	}
	e, err := d.Store.WireEntry(ctx, entryID)
	if err != nil {
		return media.Media{}, err
	}
	if e.Withdrawn() {
		return media.Media{}, ErrWithdrawn
	}
	_, photos := d.wireParts(ctx, e)
	if len(photos) == 0 {
		return media.Media{}, FieldErrors{"item": "this wire item has no photo"}
	}
	return d.wirePhoto(ctx, a, photos[0])
}

// PhotoError says why an agency photo could not be fetched or taken into the library.
type PhotoError struct{ Err error }

func (e *PhotoError) Error() string { return e.Err.Error() }
func (e *PhotoError) Unwrap() error { return e.Err }

func (d *Desk) wirePhoto(ctx context.Context, a Actor, p wire.Item) (media.Media, error) {
	m, err := d.fetchPhoto(ctx, a, p)
	if err != nil && !errors.Is(err, ErrForbidden) {
		return m, &PhotoError{err}
	}
	return m, err
}

func (d *Desk) fetchPhoto(ctx context.Context, a Actor, p wire.Item) (media.Media, error) {
	if d.Fetch == nil {
		return media.Media{}, errors.New("fetching agency photos is not configured")
	}
	var href string
	for _, r := range p.Renditions {
		if strings.HasPrefix(r.Href, "http://") || strings.HasPrefix(r.Href, "https://") {
			href = r.Href
			break
		}
	}
	if href == "" {
		return media.Media{}, errors.New("the photo has no rendition with a web address")
	}
	body, err := d.Fetch(ctx, href)
	if err != nil {
		return media.Media{}, err
	}
	defer body.Close()
	caption := firstNonEmpty(p.Caption, p.Headline, "Photo from "+p.Agency)
	m, err := d.AddPhoto(ctx, a, Upload{Body: body, Alt: firstWords(caption, 25), Caption: caption, Credit: firstNonEmpty(p.Credit, p.Agency)})
	var fe FieldErrors
	if errors.As(err, &fe) && fe["file"] != "" {
		return m, errors.New(fe["file"])
	}
	return m, err
}

// ApplyWithdrawal takes down the stories published as is from an item the agency has
// withdrawn or killed, and returns their ids; stories the newsroom rewrote stay up,
// flagged, for an editor to judge. It is safe to run again.
func (d *Desk) ApplyWithdrawal(ctx context.Context, e wire.Entry) ([]int64, error) {
	if !e.Withdrawn() {
		return nil, nil
	}
	uses, err := d.Store.WireUses(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	var down []int64
	var errs []error
	for _, u := range uses {
		if !u.AsIs {
			continue
		}
		st, err := d.Store.StoryByID(ctx, u.StoryID)
		if err != nil || st.State != story.StatePublished {
			errs = append(errs, err)
			continue
		}
		if err := st.Transition(story.StateUnpublished, time.Time{}, d.Now()); err != nil {
			errs = append(errs, err)
			continue
		}
		st.ModifiedBy = 0
		if err := d.saveAudited(ctx, Actor{}, &st, event.StoryMoved(string(story.StateUnpublished)),
			fmt.Sprintf("%s %s %s by the agency: published as is, so taken down", e.Item.Agency, e.Item.ID, e.Item.Status)); err != nil {
			errs = append(errs, fmt.Errorf("unpublish story %d: %w", st.ID, err))
			continue
		}
		down = append(down, st.ID)
	}
	return down, errors.Join(errs...)
}

// TakeWireUpdate brings a story made from a wire item up to the item's latest
// version: replace puts the agency's new headline, standfirst and body in place of
// the story's; otherwise the editor has checked the change and keeps the story's copy.
func (d *Desk) TakeWireUpdate(ctx context.Context, a Actor, id int64, version int, replace bool) (story.Story, error) {
	st, err := d.editable(ctx, a, id, version)
	if err != nil {
		return st, err
	}
	e, err := d.Store.WireEntryByKey(ctx, st.Source.Agency, st.Source.ItemID)
	if err != nil {
		return st, err
	}
	text, _ := d.wireParts(ctx, e)
	detail := fmt.Sprintf("checked %s %s version %d, kept the story's copy", e.Item.Agency, e.Item.ID, e.Item.Version)
	if replace {
		st.Headline, st.Dek, st.BodyMarkdown = firstNonEmpty(text.Headline, st.Headline), text.Summary, text.Markdown()
		if st.Visible() {
			st.UpdatedAt = d.Now().UTC()
		}
		detail = fmt.Sprintf("took %s %s version %d", e.Item.Agency, e.Item.ID, e.Item.Version)
	}
	st.Source.Version = e.Item.Version
	st.ModifiedBy = a.Person.ID
	return st, d.saveAudited(ctx, a, &st, event.StoryWireUpdate, detail)
}

// checkWireStillUsable refuses to put back on the site a story published as is
// from an item the agency has since withdrawn: it is the agency's copy, unchanged.
// Stories the newsroom rewrote stay the editors' call (they are flagged).
func (d *Desk) checkWireStillUsable(ctx context.Context, st story.Story) error {
	if st.Source.ItemID == "" {
		return nil
	}
	use, err := d.Store.WireUseOfStory(ctx, st.ID)
	if err != nil || !use.AsIs {
		return err
	}
	e, err := d.Store.WireEntry(ctx, use.EntryID)
	if err != nil {
		return err
	}
	if e.Withdrawn() {
		return FieldErrors{
			"to": fmt.Sprintf(
				"%s has withdrawn this copy (%s); a story published as is from it cannot go back on the site",
				e.Item.Agency,
				e.Item.Status,
			),
		}
	}
	return nil
}

// creditLine is the line that closes agency copy: "NTB contributed to this report."
func creditLine(byline, agency string) string {
	byline = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(byline), "By "))
	if byline == "" || strings.EqualFold(byline, agency) {
		return agency + " contributed to this report."
	}
	return byline + " of " + agency + " contributed to this report."
}

func firstWords(s string, n int) string {
	words := strings.Fields(strings.NewReplacer(`\`, "", "*", "", "#", "").Replace(s))
	if len(words) > n {
		words = append(words[:n], "…")
	}
	return strings.Join(words, " ")
}

// clip cuts s to at most n characters, at a space when there is one near the end.
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
