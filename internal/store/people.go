package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"dateline/internal/people"
)

// CreateBureau stores a bureau.
func (s *Store) CreateBureau(ctx context.Context, b *people.Bureau) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := b.Validate(); err != nil {
		return err
	}
	err = s.wr(ctx).QueryRowContext(ctx, "INSERT INTO bureaus (name, city, time_zone) VALUES (?, ?, ?) RETURNING id",
		b.Name, b.City, b.TimeZone).Scan(&b.ID)
	if err != nil {
		return fmt.Errorf("store: create bureau: %w", err)
	}
	return nil
}

// BureauByID returns a bureau.
func (s *Store) BureauByID(ctx context.Context, id int64) (people.Bureau, error) {
	b := people.Bureau{ID: id}
	err := s.rd(ctx).QueryRowContext(ctx, "SELECT name, city, time_zone FROM bureaus WHERE id = ?", id).Scan(&b.Name, &b.City, &b.TimeZone)
	if errors.Is(err, sql.ErrNoRows) {
		return b, people.ErrNotFound
	}
	if err != nil {
		return b, fmt.Errorf("store: bureau %d: %w", id, err)
	}
	return b, nil
}

// Bureaus returns all bureaus by name.
func (s *Store) Bureaus(ctx context.Context) ([]people.Bureau, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT id, name, city, time_zone FROM bureaus ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("store: bureaus: %w", err)
	}
	defer rows.Close()
	var out []people.Bureau
	for rows.Next() {
		var b people.Bureau
		if err := rows.Scan(&b.ID, &b.Name, &b.City, &b.TimeZone); err != nil {
			return nil, fmt.Errorf("store: bureaus: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// CreatePerson stores a person; emails are compared without regard to case.
func (s *Store) CreatePerson(ctx context.Context, p *people.Person) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := p.Validate(); err != nil {
		return err
	}
	p.Email = strings.ToLower(strings.TrimSpace(p.Email))
	if p.CreatedAt.IsZero() {
		p.CreatedAt = s.clock()
	}
	err = s.wr(ctx).QueryRowContext(ctx, `INSERT INTO people (slug, name, byline_name, title, bio, email, role, bureau_id,
		disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.Slug, p.Name, p.BylineName, p.Title, p.Bio, p.Email, string(p.Role), nullID(p.BureauID), p.Disabled, micros(p.CreatedAt)).Scan(&p.ID)
	if s.engine.isUnique(err) {
		if strings.Contains(err.Error(), "email") {
			return fmt.Errorf("%w: %s", people.ErrEmailTaken, p.Email)
		}
		return fmt.Errorf("%w: %s", people.ErrSlugTaken, p.Slug)
	}
	if err != nil {
		return fmt.Errorf("store: create person: %w", err)
	}
	return nil
}

const personColumns = "id, slug, name, byline_name, title, bio, email, role, COALESCE(bureau_id, 0), disabled, created_at"

func scanPerson(row interface{ Scan(...any) error }) (people.Person, error) {
	var p people.Person
	var role string
	var created int64
	err := row.Scan(&p.ID, &p.Slug, &p.Name, &p.BylineName, &p.Title, &p.Bio, &p.Email, &role, &p.BureauID, &p.Disabled, &created)
	p.Role = people.Role(role)
	p.CreatedAt = fromMicros(created)
	return p, err
}

// PersonByID returns a person.
func (s *Store) PersonByID(ctx context.Context, id int64) (people.Person, error) {
	p, err := scanPerson(s.rd(ctx).QueryRowContext(ctx, "SELECT "+personColumns+" FROM people WHERE id = ?", id))
	return p, personErr(err, fmt.Sprint(id))
}

// PersonBySlug returns a person by author-page slug.
func (s *Store) PersonBySlug(ctx context.Context, slug string) (people.Person, error) {
	p, err := scanPerson(s.rd(ctx).QueryRowContext(ctx, "SELECT "+personColumns+" FROM people WHERE slug = ?", slug))
	return p, personErr(err, slug)
}

func personErr(err error, key string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return people.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: person %s: %w", key, err)
	}
	return nil
}

// PeopleByID returns people in the order of ids.
func (s *Store) PeopleByID(ctx context.Context, ids []int64) ([]people.Person, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.rd(ctx).
		QueryContext(ctx, "SELECT "+personColumns+" FROM people WHERE id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: people: %w", err)
	}
	defer rows.Close()
	byID := map[int64]people.Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, fmt.Errorf("store: people: %w", err)
		}
		byID[p.ID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return inOrder(ids, byID), nil
}

// People returns everyone by name.
func (s *Store) People(ctx context.Context) ([]people.Person, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT "+personColumns+" FROM people ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("store: people: %w", err)
	}
	defer rows.Close()
	var out []people.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, fmt.Errorf("store: people: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// UpdateBureau saves a bureau.
func (s *Store) UpdateBureau(ctx context.Context, b people.Bureau) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := b.Validate(); err != nil {
		return err
	}
	res, err := s.wr(ctx).
		ExecContext(ctx, "UPDATE bureaus SET name = ?, city = ?, time_zone = ? WHERE id = ?", b.Name, b.City, b.TimeZone, b.ID)
	return affected(res, err, people.ErrNotFound, "update bureau")
}

// PersonByEmail finds a person by email, ignoring case.
func (s *Store) PersonByEmail(ctx context.Context, email string) (people.Person, error) {
	p, err := scanPerson(
		s.rd(ctx).QueryRowContext(ctx, "SELECT "+personColumns+" FROM people WHERE email = ?", strings.ToLower(strings.TrimSpace(email))),
	)
	return p, personErr(err, email)
}

// UpdatePerson saves a person's profile, role, bureau and disabled flag.
func (s *Store) UpdatePerson(ctx context.Context, p people.Person) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := p.Validate(); err != nil {
		return err
	}
	res, err := s.wr(ctx).ExecContext(ctx, `UPDATE people SET name = ?, byline_name = ?, title = ?, bio = ?, role = ?,
		bureau_id = ?, disabled = ? WHERE id = ?`, p.Name, p.BylineName, p.Title, p.Bio, string(p.Role), nullID(p.BureauID), p.Disabled, p.ID)
	return affected(res, err, people.ErrNotFound, "update person")
}

// SetPassword stores a password hash.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string) error {
	res, err := s.wr(ctx).ExecContext(ctx, "UPDATE people SET password_hash = ? WHERE id = ?", hash, id)
	return affected(res, err, people.ErrNotFound, "set password")
}

// PasswordHash returns a person's stored password hash.
func (s *Store) PasswordHash(ctx context.Context, id int64) (string, error) {
	var h string
	err := s.rd(ctx).QueryRowContext(ctx, "SELECT password_hash FROM people WHERE id = ?", id).Scan(&h)
	return h, personErr(err, fmt.Sprint(id))
}

// affected turns an UPDATE's result into nil, notFound (no row matched) or an error.
func affected(res sql.Result, err, notFound error, what string) error {
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound
	}
	return nil
}
