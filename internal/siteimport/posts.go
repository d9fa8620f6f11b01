package siteimport

// Posts and pages: read and converted in one goroutine, filed in batches in another.

import (
	"context"
	"errors"

	"dateline/internal/desk"
	"dateline/internal/fault"
	"dateline/internal/story"
)

// batch is a batch of posts read and converted, ready to file.
type batch struct {
	items  []desk.ImportItem
	posts  int
	sticky map[string]bool   // old keys of the batch's sticky posts
	slugs  map[string]string // the slug each story asked for, by old key
}

// posts files the stories and pages with their comments, a batch per transaction.
// Reading and converting the next batch (one goroutine) overlaps filing this one:
// one batch waits at most, so memory stays bounded.
func (im *importer) posts(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan batch, 1)
	read := make(chan error, 1)
	go func() {
		defer close(batches)
		read <- im.readPosts(ctx, batches)
	}()
	done := 0
	for b := range batches {
		outcomes, err := im.fileBatch(ctx, b.items)
		if err != nil {
			cancel()
			for range batches { // let the reader finish
			}
			return err
		}
		for i, o := range outcomes {
			if o == "" {
				continue // not filed: reported
			}
			it := b.items[i]
			k := Kind(it.Link.Kind)
			im.report.count(k, o)
			if o == desk.ImportConflict {
				im.report.warn(Warning{Code: WarnConflict, Where: string(k) + " " + it.Link.OldID})
			}
			if want := b.slugs[it.Link.OldID]; k == KindStory && o == desk.ImportCreated && want != "" && it.Story.Slug != want {
				im.report.warn(Warning{Code: WarnSlugChanged, Where: "post " + it.Link.OldID,
					Detail: want + " was taken here: " + it.Story.Slug + " (the old addresses lead to it)"})
			}
			if k == KindStory && it.Story.State == story.StatePublished && b.sticky[it.Link.OldID] {
				im.sticky = append(im.sticky, it.Story.ID)
			}
		}
		done += b.posts
		if im.opts.Progress != nil {
			im.opts.Progress(done, im.ex.PostCount)
		}
	}
	return <-read
}

// fileBatch files a batch in one transaction. When the desk refuses it for what
// one post holds (a rule of the store the converter did not foresee), the batch is
// filed again post by post, so one bad post is reported and skipped rather than
// stopping the import: its outcomes are "" for the items not filed. A database
// out of reach, or a cancelled run, stops it.
func (im *importer) fileBatch(ctx context.Context, items []desk.ImportItem) ([]desk.ImportOutcome, error) {
	outcomes, err := im.opts.Desk.Import(ctx, im.opts.Actor, items)
	if err == nil || ctx.Err() != nil || errors.Is(err, fault.ErrUnavailable) || errors.Is(err, desk.ErrForbidden) {
		return outcomes, err
	}
	outcomes = make([]desk.ImportOutcome, len(items))
	for start := 0; start < len(items); {
		end := start + 1 // a post and the comments after it
		for end < len(items) && items[end].Story == nil && items[end].Page == nil {
			end++
		}
		got, err := im.opts.Desk.Import(ctx, im.opts.Actor, items[start:end])
		switch {
		case err == nil:
			copy(outcomes[start:end], got)
		case ctx.Err() != nil || errors.Is(err, fault.ErrUnavailable):
			return nil, err
		default:
			im.report.warn(Warning{Code: WarnNotFiled, Where: items[start].Link.Kind + " " + items[start].Link.OldID, Detail: err.Error()})
		}
		start = end
	}
	return outcomes, nil
}

// readPosts reads and converts the posts, sending them in batches.
func (im *importer) readPosts(ctx context.Context, out chan<- batch) error {
	seen := map[string]bool{}
	cur := batch{sticky: map[string]bool{}, slugs: map[string]string{}}
	send := func() error {
		if cur.posts == 0 {
			return nil
		}
		select {
		case out <- cur:
		case <-ctx.Done():
			return ctx.Err()
		}
		cur = batch{sticky: map[string]bool{}, slugs: map[string]string{}}
		return nil
	}
	err := im.ex.Posts(func(p Post) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		kind := KindStory
		if p.Page {
			kind = KindPage
		}
		if seen[string(kind)+p.Key] {
			im.report.warn(Warning{Code: WarnDuplicate, Where: string(kind) + " " + p.Key})
			return nil
		}
		seen[string(kind)+p.Key] = true
		if p.Sticky {
			cur.sticky[p.Key] = true
		}
		var err error
		if p.Page {
			cur.items, err = im.page(cur.items, p)
		} else {
			n := len(cur.items)
			cur.items, err = im.story(cur.items, p)
			if err == nil {
				cur.slugs[p.Key] = cur.items[n].Story.Slug
			}
		}
		if err != nil {
			return err
		}
		if cur.posts++; cur.posts >= im.opts.Batch {
			return send()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return send()
}

// front puts sticky posts at the top of the home front, before what editors put
// there, within the front's size.
func (im *importer) front(ctx context.Context) error {
	if len(im.sticky) == 0 {
		return nil
	}
	current, err := im.opts.Reads.FrontIDs(ctx, 0)
	if err != nil {
		return err
	}
	ids := dedupeIDs(append(append([]int64(nil), im.sticky...), current...))
	if len(ids) > story.FrontSlots {
		ids = ids[:story.FrontSlots]
	}
	return im.opts.Desk.SetFront(ctx, im.opts.Actor, 0, ids, story.AnyFrontVersion)
}
