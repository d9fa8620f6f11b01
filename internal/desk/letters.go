package desk

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"dateline/internal/event"
	"dateline/internal/letters"
	"dateline/internal/people"
)

// Moderate moves reader messages to a state (featured ones take rank), all or none,
// each with its line in the audit log. With from set (the desk's tab), a message no
// longer in that state was moved by another editor meanwhile: it is left as it is
// and counted in skipped, and the others move.
func (d *Desk) Moderate(ctx context.Context, a Actor, ids []int64, from, to letters.State, rank int) (skipped int, err error) {
	if !a.Person.Can(people.ActModerate) {
		return 0, ErrForbidden
	}
	if !to.Valid() {
		return 0, FieldErrors{"to": "one of pending, published, featured, rejected, spam, archived"}
	}
	if from != "" && !from.Valid() {
		return 0, FieldErrors{"from": "one of pending, published, featured, rejected, spam, archived"}
	}
	if len(ids) == 0 {
		return 0, FieldErrors{"id": "choose at least one message"}
	}
	err = d.Store.Atomically(ctx, func(ctx context.Context) error {
		skipped = 0
		for _, id := range ids {
			err := d.Store.SetMessageState(ctx, id, from, to, rank)
			if errors.Is(err, letters.ErrMoved) {
				skipped++
				continue
			}
			if err != nil {
				return err
			}
			if err := d.audit(ctx, a, event.MessageMoved(string(to)), 0, "message "+strconv.FormatInt(id, 10)); err != nil {
				return err
			}
		}
		return nil
	})
	return skipped, err
}

// TrimMessage replaces a message's text with a shortened one; the page then marks it
// edited. A message cannot be trimmed to nothing: reject it instead.
func (d *Desk) TrimMessage(ctx context.Context, a Actor, id int64, text string) error {
	if !a.Person.Can(people.ActModerate) {
		return ErrForbidden
	}
	text = letters.Normalize(text)
	if text == "" {
		return FieldErrors{"text": "a message cannot be trimmed to nothing; reject it instead"}
	}
	return d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.EditMessageText(ctx, id, text); err != nil {
			return err
		}
		return d.audit(ctx, a, event.MessageEdit, 0, "message "+strconv.FormatInt(id, 10))
	})
}

// EraseReader removes one reader's details on request from every message of
// theirs: email, address hash, name and place; their published comments then say
// "A reader", or, with removeComments, are deleted. It returns how many messages
// changed (0 for a reader already erased).
func (d *Desk) EraseReader(ctx context.Context, a Actor, email string, removeComments bool) (int, error) {
	if !a.Person.Can(people.ActModerate) {
		return 0, ErrForbidden
	}
	var n int
	err := d.Store.Atomically(ctx, func(ctx context.Context) error {
		var err error
		if n, err = d.Store.EraseReader(ctx, email, removeComments); err != nil {
			return err
		}
		detail := fmt.Sprintf("%d messages", n)
		if removeComments {
			detail += ", comments deleted"
		}
		return d.audit(ctx, a, event.ReaderErase, 0, detail)
	})
	return n, refused("email", err)
}

// ExportReader is everything stored about one reader (by email): their messages
// with times and states, for an access request. The export is in the audit log.
func (d *Desk) ExportReader(ctx context.Context, a Actor, email string) ([]letters.Message, error) {
	if !a.Person.Can(people.ActModerate) {
		return nil, ErrForbidden
	}
	if strings.TrimSpace(email) == "" {
		return nil, FieldErrors{"email": "give the reader's email"}
	}
	var all []letters.Message
	for offset := 0; ; offset += 500 {
		page, total, err := d.Store.Messages(ctx, letters.Query{Email: email, Limit: 500, Offset: offset})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			break
		}
	}
	return all, d.Store.Atomically(ctx, func(ctx context.Context) error {
		return d.audit(ctx, a, event.ReaderExport, 0, fmt.Sprintf("%d messages", len(all)))
	})
}
