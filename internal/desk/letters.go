package desk

import (
	"context"
	"fmt"
	"strconv"

	"dateline/internal/event"
	"dateline/internal/letters"
	"dateline/internal/people"
)

// Moderate moves reader messages to a state (featured ones take rank), all or none,
// each with its line in the audit log.
func (d *Desk) Moderate(ctx context.Context, a Actor, ids []int64, to letters.State, rank int) error {
	if !a.Person.Can(people.ActModerate) {
		return ErrForbidden
	}
	if !to.Valid() {
		return FieldErrors{"to": "one of pending, published, featured, rejected, spam, archived"}
	}
	if len(ids) == 0 {
		return FieldErrors{"id": "choose at least one message"}
	}
	return d.Store.Atomically(ctx, func(ctx context.Context) error {
		for _, id := range ids {
			if err := d.Store.SetMessageState(ctx, id, to, rank); err != nil {
				return err
			}
			if err := d.audit(ctx, a, event.MessageMoved(string(to)), 0, "message "+strconv.FormatInt(id, 10)); err != nil {
				return err
			}
		}
		return nil
	})
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

// EraseReader blanks one reader's email and address hashes on request, keeping the
// texts of their messages; it returns how many messages changed.
func (d *Desk) EraseReader(ctx context.Context, a Actor, email string) (int, error) {
	if !a.Person.Can(people.ActModerate) {
		return 0, ErrForbidden
	}
	var n int
	err := d.Store.Atomically(ctx, func(ctx context.Context) error {
		var err error
		if n, err = d.Store.EraseReader(ctx, email); err != nil {
			return err
		}
		return d.audit(ctx, a, event.ReaderErase, 0, fmt.Sprintf("%d messages", n))
	})
	return n, refused("email", err)
}
