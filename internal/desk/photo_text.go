package desk

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"dateline/internal/event"
	"dateline/internal/media"
	"dateline/internal/people"
)

// PhotoText is what the newsroom edits of a photo: the words around it.
type PhotoText struct {
	Alt, Caption, Credit string
	Version              int // the version the edit was made from
}

// UpdatePhotoText replaces a photo's alt text, caption and credit (anyone who may
// upload photos), refusing an edit made from an older version; the pages showing
// the photo follow.
func (d *Desk) UpdatePhotoText(ctx context.Context, a Actor, id int64, in PhotoText) (media.Media, error) {
	if !a.Person.Can(people.ActUploadMedia) {
		return media.Media{}, ErrForbidden
	}
	m := media.Media{ID: id, Alt: strings.TrimSpace(in.Alt), Caption: strings.TrimSpace(in.Caption),
		Credit: strings.TrimSpace(in.Credit), Version: in.Version}
	problems := FieldErrors{}
	for field, v := range map[string]struct {
		name, text string
		max        int
	}{"alt": {"the alt text", m.Alt, 500}, "caption": {"the caption", m.Caption, 1000}, "credit": {"the credit", m.Credit, 300}} {
		if n := utf8.RuneCountInString(v.text); n > v.max {
			problems[field] = fmt.Sprintf("%s is at most %d characters (this is %d)", v.name, v.max, n)
		}
	}
	if m.Alt == "" {
		problems["alt"] = "the alt text is needed: describe the photo for readers who cannot see it"
	}
	if len(problems) > 0 {
		return m, problems
	}
	err := d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.UpdateMediaText(ctx, &m); err != nil {
			return err
		}
		return d.audit(ctx, a, event.MediaUpdate, 0, fmt.Sprintf("media %d: %s", id, m.Alt))
	})
	return m, refused("photo", err)
}
