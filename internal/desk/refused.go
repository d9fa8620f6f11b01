package desk

import (
	"errors"

	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
)

// refusals are the domain's own reasons for refusing a change; their text is
// written for editors. Anything else (a driver error, an outage) is not a refusal
// and is never shown.
var refusals = []error{story.ErrInvalid, story.ErrSlugTaken, story.ErrInTrash, story.ErrNotTrash, section.ErrInvalid,
	section.ErrSlugTaken, people.ErrInvalid, people.ErrEmailTaken, people.ErrSlugTaken, settings.ErrInvalid, settings.ErrPageConflict,
	letters.ErrInvalid,
	media.ErrInvalid, media.ErrConflict}

// refused reports a domain refusal as FieldErrors under field, so the newsroom and
// the Admin API word it the same way; other errors pass unchanged.
func refused(field string, err error) error {
	var fe FieldErrors
	if errors.As(err, &fe) {
		return err
	}
	for _, r := range refusals {
		if errors.Is(err, r) {
			return FieldErrors{field: err.Error()}
		}
	}
	return err
}
