package desk

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/event"
	"dateline/internal/people"
	"dateline/internal/story"
)

// NewLink is a one-time link just made: its secret, shown once, and its record.
type NewLink struct {
	Secret string
	Link   auth.Link
}

// Invite adds a person without a password and makes the one-time link with which
// they choose one, valid for ttl. A name another person's byline already uses gets
// a slug with the email's local part.
func (d *Desk) Invite(ctx context.Context, a Actor, p *people.Person, ttl time.Duration) (NewLink, error) {
	if !a.Person.Can(people.ActManagePeople) {
		return NewLink{}, ErrForbidden
	}
	var out NewLink
	create := func(slug string) error {
		p.Slug = slug
		return d.Store.Atomically(ctx, func(ctx context.Context) error {
			if err := d.Store.CreatePerson(ctx, p); err != nil {
				return err
			}
			var err error
			if out, err = d.newLink(ctx, p.ID, auth.LinkInvite, ttl); err != nil {
				return err
			}
			return d.audit(ctx, a, event.PersonInvite, 0, p.Email+" as "+string(p.Role))
		})
	}
	err := create(story.Slugify(p.Name))
	if errors.Is(err, people.ErrSlugTaken) {
		err = create(story.Slugify(p.Name + " " + strings.Split(p.Email, "@")[0]))
	}
	return out, refused("person", err)
}

// newLink stores a one-time link of a kind for a person, revoking their earlier ones.
func (d *Desk) newLink(ctx context.Context, personID int64, kind auth.LinkKind, ttl time.Duration) (NewLink, error) {
	secret, hash := auth.NewSecret()
	now := d.Now()
	l := auth.Link{TokenHash: hash, PersonID: personID, Kind: kind, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	return NewLink{Secret: secret, Link: l}, d.Store.CreateInvite(ctx, l)
}

// PersonChange is what an admin may change about a person.
type PersonChange struct {
	Role     people.Role
	Title    string
	BureauID int64
	Disabled bool
}

// UpdatePerson changes a person's role, title, bureau or disabled flag. A change of
// role, or disabling, ends their sessions and tokens in the same transaction. An
// admin cannot disable themself or give up their own admin role (someone must be
// left to manage the newsroom).
func (d *Desk) UpdatePerson(ctx context.Context, a Actor, id int64, c PersonChange) (people.Person, error) {
	if !a.Person.Can(people.ActManagePeople) {
		return people.Person{}, ErrForbidden
	}
	p, err := d.Store.PersonByID(ctx, id)
	if err != nil {
		return p, err
	}
	if p.ID == a.Person.ID && (c.Disabled || c.Role != people.RoleAdmin) {
		return p, FieldErrors{"role": "you cannot disable yourself or give up your own admin role"}
	}
	before := p
	p.Role, p.Title, p.BureauID, p.Disabled = c.Role, c.Title, c.BureauID, c.Disabled
	err = d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.UpdatePerson(ctx, p); err != nil {
			return err
		}
		if p.Role != before.Role || (p.Disabled && !before.Disabled) {
			if err := d.Store.EndAccess(ctx, p.ID); err != nil {
				return err
			}
		}
		return d.audit(ctx, a, event.PersonUpdate, 0, p.Email+": role "+string(p.Role)+", disabled "+strconv.FormatBool(p.Disabled))
	})
	return p, refused("person", err)
}

// ResetPassword clears a person's password, ends their sessions and tokens, and
// makes the one-time link, valid for ttl, with which they choose a new one.
func (d *Desk) ResetPassword(ctx context.Context, a Actor, id int64, ttl time.Duration) (NewLink, error) {
	if !a.Person.Can(people.ActManagePeople) {
		return NewLink{}, ErrForbidden
	}
	p, err := d.Store.PersonByID(ctx, id)
	if err != nil {
		return NewLink{}, err
	}
	var out NewLink
	return out, d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.SetPassword(ctx, p.ID, ""); err != nil {
			return err
		}
		if err := d.Store.EndAccess(ctx, p.ID); err != nil {
			return err
		}
		if out, err = d.newLink(ctx, p.ID, auth.LinkReset, ttl); err != nil {
			return err
		}
		return d.audit(ctx, a, event.PersonReset, 0, p.Email)
	})
}

// CreateToken makes an Admin API token acting as the actor; its secret is returned
// once and stored only as a hash.
func (d *Desk) CreateToken(ctx context.Context, a Actor, name string) (string, error) {
	if !a.Person.Can(people.ActManageTokens) {
		return "", ErrForbidden
	}
	secret, hash := auth.NewSecret()
	return secret, d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.CreateToken(ctx, hash, a.Person.ID, strings.TrimSpace(name)); err != nil {
			return err
		}
		return d.audit(ctx, a, event.TokenCreate, 0, strings.TrimSpace(name))
	})
}
