package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"dateline/internal/media"
)

// CreateMedia stores a media record (the bytes live in media.Blobs).
func (s *Store) CreateMedia(ctx context.Context, m *media.Media) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = s.clock()
	}
	if m.Focus == (media.Focus{}) {
		m.Focus = media.Centre
	}
	m.Version = 1
	err := s.wr(ctx).QueryRowContext(ctx, `INSERT INTO media (file_name, content_type, size, width, height, alt, caption,
		credit, variants, created_at, clean, focal_x, focal_y, crops) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.FileName, m.ContentType, m.Size, m.Width, m.Height, m.Alt, m.Caption, m.Credit, joinInts(m.Variants), micros(m.CreatedAt), m.Clean,
		m.Focus.X, m.Focus.Y, m.Crops.String()).Scan(&m.ID)
	if s.engine.isUnique(err) {
		return fmt.Errorf("%w: file %q is already recorded", media.ErrInvalid, m.FileName)
	}
	if err != nil {
		return fmt.Errorf("store: create media: %w", err)
	}
	return nil
}

const mediaColumns = "id, file_name, content_type, size, width, height, alt, caption, credit, variants, created_at, clean, version, " +
	"focal_x, focal_y, crops"

// scanMedia reads mediaColumns, then extra columns into more.
func scanMedia(row interface{ Scan(...any) error }, more ...any) (media.Media, error) {
	var m media.Media
	var created int64
	var variants, crops string
	err := row.Scan(append([]any{&m.ID, &m.FileName, &m.ContentType, &m.Size, &m.Width, &m.Height, &m.Alt, &m.Caption, &m.Credit,
		&variants, &created, &m.Clean, &m.Version, &m.Focus.X, &m.Focus.Y, &crops}, more...)...)
	m.CreatedAt, m.Variants, m.Crops = fromMicros(created), splitInts(variants), media.ParseCrops(crops)
	return m, err
}

// MediaByID returns a media record.
func (s *Store) MediaByID(ctx context.Context, id int64) (media.Media, error) {
	m, err := scanMedia(s.rd(ctx).QueryRowContext(ctx, "SELECT "+mediaColumns+" FROM media WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, media.ErrNotFound
	}
	if err != nil {
		return m, fmt.Errorf("store: media %d: %w", id, err)
	}
	return m, nil
}

// MediaByIDs returns the media records among ids, by id, in one statement: a list
// page's pictures.
func (s *Store) MediaByIDs(ctx context.Context, ids []int64) (map[int64]media.Media, error) {
	out := make(map[int64]media.Media, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT "+mediaColumns+" FROM media WHERE id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: media: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, fmt.Errorf("store: media: %w", err)
		}
		out[m.ID] = m
	}
	return out, rows.Err()
}

// maxMediaWords bounds a photo search: more words only narrow it, and each costs
// a condition.
const maxMediaWords = 8

// MediaWithUses lists photos newest first with the number of stories leading with
// each; every word of query must be in the caption, credit or alt text.
func (s *Store) MediaWithUses(ctx context.Context, query string, limit int) ([]media.Used, error) {
	where, args := []string{"1 = 1"}, []any{}
	words := strings.Fields(strings.ToLower(query))
	for _, word := range words[:min(len(words), maxMediaWords)] {
		word = string([]rune(word)[:min(len([]rune(word)), 60)])
		like := "%" + likeEscape(word) + "%"
		where = append(where, `(LOWER(caption) LIKE ? ESCAPE '\' OR LOWER(credit) LIKE ? ESCAPE '\' OR LOWER(alt) LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT "+mediaColumns+`,
		(SELECT COUNT(*) FROM stories WHERE stories.lead_media_id = media.id OR stories.id IN
			(SELECT story_id FROM story_media WHERE story_media.media_id = media.id)) FROM media WHERE `+strings.Join(where, " AND ")+
		` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: media list: %w", err)
	}
	defer rows.Close()
	var out []media.Used
	for rows.Next() {
		var u media.Used
		if u.Media, err = scanMedia(rows, &u.Stories); err != nil {
			return nil, fmt.Errorf("store: media list: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func joinInts(v []int) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

func splitInts(s string) []int {
	var out []int
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(p); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// PublicMediaStories returns the published stories that lead with a media file, or
// put it in their text: the file is public only while there is one, and a CDN
// keeps it under their tags. A photo that leads only unpublished stories is held
// back from other stories' text until one of those is published: it is not the
// library's to show yet.
func (s *Store) PublicMediaStories(ctx context.Context, id int64) ([]int64, error) {
	return s.ids(ctx, `SELECT id FROM stories WHERE state = 'published' AND (lead_media_id = ? OR (id IN
		(SELECT story_id FROM story_media WHERE media_id = ?) AND NOT `+heldBack+`)) ORDER BY id`, id, id, id, id)
}

// heldBack is true for the photo (two parameters, its id twice) that leads an
// unpublished story and no published one.
const heldBack = `(EXISTS (SELECT 1 FROM stories WHERE lead_media_id = ? AND state <> 'published') AND
	NOT EXISTS (SELECT 1 FROM stories WHERE lead_media_id = ? AND state = 'published'))`

// MediaHeldBack reports whether a photo leads only unpublished stories, so that
// another story's text may not show it yet.
func (s *Store) MediaHeldBack(ctx context.Context, id int64) (bool, error) {
	var held bool
	if err := s.rd(ctx).QueryRowContext(ctx, "SELECT "+heldBack, id, id).Scan(&held); err != nil {
		return false, fmt.Errorf("store: media %d: %w", id, err)
	}
	return held, nil
}

// RecentPublicMedia returns the lead photos of the newest published stories, for a
// node to check it can read the media its pages show.
func (s *Store) RecentPublicMedia(ctx context.Context, limit int) ([]media.Media, error) {
	ids, err := s.ids(
		ctx,
		"SELECT lead_media_id FROM stories WHERE state = 'published' AND lead_media_id IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT ?",
		limit,
	)
	if err != nil {
		return nil, err
	}
	var out []media.Media
	for _, id := range ids {
		m, err := s.MediaByID(ctx, id)
		if errors.Is(err, media.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// UncleanMedia returns media whose files were stored before metadata was stripped.
func (s *Store) UncleanMedia(ctx context.Context, limit int) ([]media.Media, error) {
	ids, err := s.ids(ctx, "SELECT id FROM media WHERE NOT clean ORDER BY id LIMIT ?", limit)
	if err != nil {
		return nil, err
	}
	out := make([]media.Media, 0, len(ids))
	for _, id := range ids {
		m, err := s.MediaByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// MediaStories lists the stories, in any state, that lead with a photo or put it
// in their text.
func (s *Store) MediaStories(ctx context.Context, id int64) ([]int64, error) {
	return s.ids(ctx, `SELECT id FROM stories WHERE lead_media_id = ? OR id IN (SELECT story_id FROM story_media WHERE media_id = ?)
		ORDER BY id DESC`, id, id)
}

// UpdateMediaCrops records a photo's focal point and crops at its version.
func (s *Store) UpdateMediaCrops(ctx context.Context, m *media.Media) error {
	return s.updateMedia(ctx, m, "focal_x = ?, focal_y = ?, crops = ?", m.Focus.X, m.Focus.Y, m.Crops.String())
}

// UpdateMediaText replaces a photo's alt text, caption and credit at its version;
// the stories leading with it are reported changed, so their pages show the new text.
func (s *Store) UpdateMediaText(ctx context.Context, m *media.Media) error {
	if strings.TrimSpace(m.Alt) == "" {
		return fmt.Errorf("%w: alt text is required", media.ErrInvalid)
	}
	return s.updateMedia(ctx, m, "alt = ?, caption = ?, credit = ?", m.Alt, m.Caption, m.Credit)
}

// updateMedia sets columns of a photo at its version; the stories leading with it
// are reported changed.
func (s *Store) updateMedia(ctx context.Context, m *media.Media, set string, args ...any) error {
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE media SET "+set+", version = version + 1 WHERE id = ? AND version = ?",
			append(args, m.ID, m.Version)...)
		if err != nil {
			return fmt.Errorf("store: media %d: %w", m.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			if _, err := s.MediaByID(ctx, m.ID); err != nil {
				return err
			}
			return media.ErrConflict
		}
		m.Version++
		users, err := s.MediaStories(ctx, m.ID)
		if err != nil {
			return err
		}
		tags := []string{TagStories}
		for _, id := range users {
			tags = append(tags, TagStory(id))
		}
		s.changed(ctx, tags...)
		return nil
	})
}

// MarkMediaClean records a media file's cleaned copy: its type, size, dimensions and
// resized copies, and that it is clean. The stories leading with it change (the
// photo's dimensions may have turned with its orientation, and a CDN must drop the
// old file), so their tags are reported.
func (s *Store) MarkMediaClean(ctx context.Context, m media.Media) error {
	_, err := s.wr(ctx).
		ExecContext(ctx, "UPDATE media SET content_type = ?, size = ?, width = ?, height = ?, variants = ?, crops = ?, clean = TRUE WHERE id = ?",
			m.ContentType, m.Size, m.Width, m.Height, joinInts(m.Variants), m.Crops.String(), m.ID)
	if err != nil {
		return fmt.Errorf("store: media %d clean: %w", m.ID, err)
	}
	users, err := s.MediaStories(ctx, m.ID)
	if err != nil || len(users) == 0 {
		return err
	}
	tags := []string{TagStories}
	for _, id := range users {
		tags = append(tags, TagStory(id))
	}
	s.changed(ctx, tags...)
	return nil
}
