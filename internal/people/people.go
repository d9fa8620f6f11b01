// Package people holds the newsroom's persons, their roles and their bureaus.
package people

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"time"
)

// Role is what a person may do in the newsroom.
type Role string

// The newsroom roles, from least to most powerful.
const (
	RoleWriter Role = "writer"
	RoleEditor Role = "editor"
	RoleAdmin  Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleWriter || r == RoleEditor || r == RoleAdmin }

// Bureau is a newsroom office in a city; its stories carry that city's dateline.
type Bureau struct {
	ID       int64
	Name     string // "Hong Kong bureau"
	City     string // "Hong Kong"
	TimeZone string // IANA zone of the office
}

// Person is a member of the newsroom. Email and password never appear on public pages.
type Person struct {
	ID         int64
	Slug       string // author page: /people/{slug}/
	Name       string
	BylineName string // as printed on stories; defaults to Name
	Title      string // "Bureau chief"
	Bio        string
	Email      string
	Role       Role
	BureauID   int64 // 0 when not attached to a bureau
	Disabled   bool
	CreatedAt  time.Time
}

// Byline returns the name printed on stories.
func (p Person) Byline() string {
	if p.BylineName != "" {
		return p.BylineName
	}
	return p.Name
}

// Errors the store and validation return.
var (
	ErrNotFound   = errors.New("person or bureau not found")
	ErrEmailTaken = errors.New("email already in use")
	ErrSlugTaken  = errors.New("author slug already in use")
	ErrInvalid    = errors.New("invalid person or bureau")
)

// Validate checks a person before it is stored.
func (p Person) Validate() error {
	switch {
	case p.Name == "":
		return fmt.Errorf("%w: name is required", ErrInvalid)
	case p.Slug == "":
		return fmt.Errorf("%w: slug is required", ErrInvalid)
	case !p.Role.Valid():
		return fmt.Errorf("%w: role %q must be writer, editor or admin", ErrInvalid, p.Role)
	}
	if _, err := mail.ParseAddress(p.Email); err != nil {
		return fmt.Errorf("%w: email %q is not an address", ErrInvalid, p.Email)
	}
	return nil
}

// Validate checks a bureau before it is stored.
func (b Bureau) Validate() error {
	if b.Name == "" || b.City == "" {
		return fmt.Errorf("%w: bureau name and city are required", ErrInvalid)
	}
	if _, err := time.LoadLocation(b.TimeZone); err != nil || b.TimeZone == "" {
		return fmt.Errorf("%w: unknown time zone %q", ErrInvalid, b.TimeZone)
	}
	return nil
}

// Store keeps people and bureaus.
type Store interface {
	CreateBureau(ctx context.Context, b *Bureau) error
	UpdateBureau(ctx context.Context, b Bureau) error
	BureauByID(ctx context.Context, id int64) (Bureau, error)
	Bureaus(ctx context.Context) ([]Bureau, error)
	// CreatePerson stores p and sets its ID; ErrEmailTaken or ErrSlugTaken on clashes.
	CreatePerson(ctx context.Context, p *Person) error
	PersonByID(ctx context.Context, id int64) (Person, error)
	PersonBySlug(ctx context.Context, slug string) (Person, error)
	PersonByEmail(ctx context.Context, email string) (Person, error)
	// UpdatePerson saves name, byline, title, bio, role, bureau and disabled.
	UpdatePerson(ctx context.Context, p Person) error
	// SetPassword stores a password hash (never the password).
	SetPassword(ctx context.Context, id int64, hash string) error
	// PasswordHash returns the stored hash, "" when none was set.
	PasswordHash(ctx context.Context, id int64) (string, error)
	// People returns everyone, by name.
	People(ctx context.Context) ([]Person, error)
	// PeopleByID returns the people with the given IDs, in the order given.
	PeopleByID(ctx context.Context, ids []int64) ([]Person, error)
}
