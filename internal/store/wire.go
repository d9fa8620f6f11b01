package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"dateline/internal/story"
	"dateline/internal/wire"
)

// errRaced means another node stored the same wire item between our read and write;
// the save is tried again against what it stored.
var errRaced = errors.New("wire item changed while saving")

// SaveWireItem stores one wire item and its copy in one transaction. The first
// version makes a queue item; a higher version, or a withdrawal, replaces it and is
// kept in the item's history; the same version again changes nothing.
func (s *Store) SaveWireItem(ctx context.Context, it wire.Item, at time.Time) (wire.Entry, wire.Outcome, error) {
	if it.Key() == "" || it.ID == "" {
		return wire.Entry{}, "", errors.New("store: a wire item needs an agency and an id")
	}
	raw := it.Raw
	if raw == nil {
		raw = []byte{}
	}
	at = fromMicros(micros(at))
	if it.Updated.IsZero() {
		it.Updated = at // an item without a readable time is dated by its arrival
	}
	if it.Created.IsZero() {
		it.Created = it.Updated
	}
	var err error
	for range 3 {
		var e wire.Entry
		var outcome wire.Outcome
		err = s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
			var err error
			e, outcome, err = saveWire(ctx, tx, it, raw, at)
			return err
		})
		if !errors.Is(err, errRaced) {
			if err != nil {
				return e, outcome, fmt.Errorf("store: save wire item %s %s: %w", it.Agency, it.ID, err)
			}
			if outcome == wire.Added || outcome == wire.Updated {
				s.changed(ctx, TagWire)
			}
			return e, outcome, nil
		}
	}
	return wire.Entry{}, "", fmt.Errorf("store: save wire item %s %s: %w", it.Agency, it.ID, err)
}

// TagWire names the wire queue among the change tags, so other nodes' newsrooms
// could follow it; no public page is built from it.
const TagWire = "wire"

// queuedWire is a queue row as saveWire reads it.
type queuedWire struct {
	id                int64
	key               string
	item              wire.Item
	received, changed int64
}

func scanQueued(sc interface{ Scan(...any) error }) (queuedWire, error) {
	var q queuedWire
	var doc string
	if err := sc.Scan(&q.id, &q.key, &doc, &q.received, &q.changed); err != nil {
		return q, err
	}
	if err := json.Unmarshal([]byte(doc), &q.item); err != nil {
		return q, fmt.Errorf("queued copy is unreadable: %w", err)
	}
	return q, nil
}

// findWire finds the queue row an item belongs to: the one of its source with its
// id; for a bare notice naming no provider, the one with its id that came in the
// same way (a notice never reaches another source's item).
func findWire(ctx context.Context, tx *Tx, it wire.Item) (queuedWire, error) {
	q, err := scanQueued(tx.QueryRowContext(ctx, `SELECT id, agency, item, received_at, changed_at FROM wire_items
		WHERE agency = ? AND item_id = ?`, it.Key(), it.ID))
	if errors.Is(err, sql.ErrNoRows) && it.Agency != "" && it.Agency != it.Key() {
		// Queued before sources were kept, the item is known by its agency's name.
		q, err = scanQueued(tx.QueryRowContext(ctx, `SELECT id, agency, item, received_at, changed_at FROM wire_items
			WHERE agency = ? AND item_id = ?`, it.Agency, it.ID))
	}
	if !errors.Is(err, sql.ErrNoRows) || !it.Notice() || !strings.HasPrefix(it.Key(), viaPrefix) {
		return q, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, agency, item, received_at, changed_at FROM wire_items
		WHERE item_id = ? AND kind <> ? ORDER BY id`, it.ID, string(wire.KindNotice))
	if err != nil {
		return q, err
	}
	defer rows.Close()
	for rows.Next() {
		cand, err := scanQueued(rows)
		if err != nil {
			return q, err
		}
		if cand.item.Channel == it.Channel {
			return cand, nil
		}
	}
	if err := rows.Err(); err != nil {
		return q, err
	}
	return q, sql.ErrNoRows
}

// viaPrefix starts the source of copy that names no provider: the way it came in.
const viaPrefix = "via "

// pendingNotice is a withdrawal received before the item it names: the item is
// born withdrawn. It matches by source, or by channel when the notice named none.
func pendingNotice(ctx context.Context, tx *Tx, it wire.Item) (wire.Item, bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, agency, item, received_at, changed_at FROM wire_items
		WHERE item_id = ? AND kind = ? ORDER BY id DESC`, it.ID, string(wire.KindNotice))
	if err != nil {
		return wire.Item{}, false, err
	}
	defer rows.Close()
	for rows.Next() {
		n, err := scanQueued(rows)
		if err != nil {
			return wire.Item{}, false, err
		}
		if n.key == it.Key() || strings.HasPrefix(n.key, viaPrefix) && n.item.Channel == it.Channel {
			return n.item, true, nil
		}
	}
	return wire.Item{}, false, rows.Err()
}

func saveWire(ctx context.Context, tx *Tx, it wire.Item, raw []byte, at time.Time) (wire.Entry, wire.Outcome, error) {
	e := wire.Entry{Item: it, Received: at, Changed: at}
	found, err := findWire(ctx, tx, it)
	if errors.Is(err, sql.ErrNoRows) {
		if !it.Notice() {
			notice, ok, err := pendingNotice(ctx, tx, it)
			if err != nil {
				return e, "", err
			}
			if ok && (notice.Version == 0 || notice.Version >= it.Version) {
				it.Status = notice.Status
				it.Warnings = append(it.Warnings, "withdrawn by the agency's notice received before the item ("+string(notice.Status)+")")
				e.Item = it
			}
		}
		doc, err := json.Marshal(it)
		if err != nil {
			return e, "", err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO wire_items (agency, item_id, version, kind, status, urgency, headline, item,
			received_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency, item_id) DO NOTHING RETURNING id`,
			it.Key(), it.ID, it.Version, string(it.Kind), string(it.Status), it.Urgency, it.Headline, string(doc),
			micros(at), micros(at)).Scan(&e.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return e, "", errRaced
		}
		if err != nil {
			return e, "", err
		}
		return e, wire.Added, addWireVersion(ctx, tx, e.ID, it, doc, raw, at)
	}
	if err != nil {
		return e, "", err
	}
	queued := found.item
	e.ID, e.Received = found.id, fromMicros(found.received)
	if it.Notice() && !queued.Notice() {
		// A bare notice changes the queued copy's status (and version), nothing else.
		notice := it
		it = queued
		it.Status, it.Warnings = notice.Status, append(it.Warnings, notice.Warnings...)
		if notice.Version > 0 {
			it.Version = notice.Version
		}
	}
	outcome := wire.Accepts(queued, it)
	arrived := queued.Notice() && !it.Notice() // the item a notice was waiting for
	if arrived && (queued.Version == 0 || queued.Version >= it.Version) {
		// The item a notice named arrives after it (under the notice's source): it
		// takes the notice's place, born withdrawn.
		it.Status = queued.Status
		it.Warnings = append(it.Warnings, "withdrawn by the agency's notice received before the item ("+string(queued.Status)+")")
		outcome = wire.Updated
	}
	if outcome != wire.Updated {
		e.Item, e.Changed = queued, fromMicros(found.changed)
		return e, outcome, nil
	}
	if it.Fingerprint != "" && it.Version <= queued.Version {
		it.Version = queued.Version + 1 // feed entries count their versions here
	}
	e.Item = it
	doc, err := json.Marshal(it)
	if err != nil {
		return e, "", err
	}
	// The conditional UPDATE notices another node's save since our read.
	res, err := tx.ExecContext(ctx, `UPDATE wire_items SET version = ?, kind = ?, status = ?, urgency = ?, headline = ?, item = ?,
		changed_at = ? WHERE id = ? AND version = ? AND status = ?`,
		it.Version, string(it.Kind), string(it.Status), it.Urgency, it.Headline, string(doc), micros(at),
		e.ID, queued.Version, string(queued.Status))
	if err != nil {
		return e, "", err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return e, "", errRaced
	}
	if arrived {
		outcome = wire.Added
	}
	return e, outcome, addWireVersion(ctx, tx, e.ID, it, doc, raw, at)
}

func addWireVersion(ctx context.Context, tx *Tx, id int64, it wire.Item, doc, raw []byte, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO wire_versions (wire_id, seq, version, status, item, raw, received_at)
		VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM wire_versions WHERE wire_id = ?), ?, ?, ?, ?, ?)`,
		id, id, it.Version, string(it.Status), string(doc), raw, micros(at))
	return err
}

const wireColumns = `w.id, w.item, w.received_at, w.changed_at, (SELECT COUNT(*) FROM wire_uses u WHERE u.wire_id = w.id)`

func scanWire(sc interface{ Scan(...any) error }) (wire.Entry, error) {
	var e wire.Entry
	var doc string
	var received, changed int64
	if err := sc.Scan(&e.ID, &doc, &received, &changed, &e.Uses); err != nil {
		return e, err
	}
	e.Received, e.Changed = fromMicros(received), fromMicros(changed)
	if err := json.Unmarshal([]byte(doc), &e.Item); err != nil {
		return e, fmt.Errorf("wire item %d is unreadable: %w", e.ID, err)
	}
	return e, nil
}

// WireEntries lists the queue, latest arrivals first.
func (s *Store) WireEntries(ctx context.Context, f wire.Filter) ([]wire.Entry, error) {
	where := []string{"w.kind <> ?"} // notices waiting for their item are not copy
	args := []any{string(wire.KindNotice)}
	if f.Agency != "" {
		where, args = append(where, "w.agency = ?"), append(args, f.Agency)
	}
	if f.Kind != "" {
		where, args = append(where, "w.kind = ?"), append(args, string(f.Kind))
	}
	if f.MaxUrgency > 0 {
		where, args = append(where, "w.urgency BETWEEN 1 AND ?"), append(args, f.MaxUrgency)
	}
	if !f.Since.IsZero() {
		where, args = append(where, "w.changed_at >= ?"), append(args, micros(f.Since))
	}
	for _, word := range strings.Fields(strings.ToLower(f.Query)) {
		where, args = append(where, "LOWER(w.headline) LIKE ? ESCAPE '\\'"), append(args, "%"+likeEscape(word)+"%")
	}
	q := "SELECT " + wireColumns + " FROM wire_items w WHERE " + strings.Join(where, " AND ")
	if f.Limit <= 0 {
		f.Limit = 50
	}
	q += " ORDER BY w.changed_at DESC, w.id DESC LIMIT ? OFFSET ?"
	rows, err := s.rd(ctx).QueryContext(ctx, q, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: wire queue: %w", err)
	}
	defer rows.Close()
	var out []wire.Entry
	for rows.Next() {
		e, err := scanWire(rows)
		if err != nil {
			return nil, fmt.Errorf("store: wire queue: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// WireEntry returns one queue item with its latest copy as received.
func (s *Store) WireEntry(ctx context.Context, id int64) (wire.Entry, error) {
	e, err := scanWire(s.rd(ctx).QueryRowContext(ctx, "SELECT "+wireColumns+" FROM wire_items w WHERE w.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, wire.ErrNotFound
	}
	if err != nil {
		return e, fmt.Errorf("store: wire item %d: %w", id, err)
	}
	err = s.rd(ctx).QueryRowContext(ctx, `SELECT raw FROM wire_versions WHERE wire_id = ? ORDER BY seq DESC LIMIT 1`, id).Scan(&e.Item.Raw)
	if err != nil {
		return e, fmt.Errorf("store: wire item %d: %w", id, err)
	}
	return e, nil
}

// WireEntryByKey finds a queue item by the agency's names for it.
func (s *Store) WireEntryByKey(ctx context.Context, agency, itemID string) (wire.Entry, error) {
	var id int64
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT id FROM wire_items WHERE agency = ? AND item_id = ?`, agency, itemID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return wire.Entry{}, wire.ErrNotFound
	}
	if err != nil {
		return wire.Entry{}, fmt.Errorf("store: wire item %s %s: %w", agency, itemID, err)
	}
	return s.WireEntry(ctx, id)
}

// WireVersion returns the copy of one version of a queue item as it was received
// (the last one received under that number).
func (s *Store) WireVersion(ctx context.Context, id int64, version int) (wire.Item, error) {
	var it wire.Item
	var doc string
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT item, raw FROM wire_versions WHERE wire_id = ? AND version = ?
		ORDER BY seq DESC LIMIT 1`, id, version).Scan(&doc, &it.Raw)
	if errors.Is(err, sql.ErrNoRows) {
		return it, wire.ErrNotFound
	}
	if err != nil {
		return it, fmt.Errorf("store: wire item %d version %d: %w", id, version, err)
	}
	raw := it.Raw
	if err := json.Unmarshal([]byte(doc), &it); err != nil {
		return it, fmt.Errorf("store: wire item %d version %d is unreadable: %w", id, version, err)
	}
	it.Raw = raw
	return it, nil
}

// WireAgencies lists the sources in the queue, each with the name its latest item
// gives it, for the queue's filter.
func (s *Store) WireAgencies(ctx context.Context) ([]wire.Agency, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT w.agency, w.item FROM wire_items w WHERE w.id IN
		(SELECT MAX(id) FROM wire_items WHERE kind <> ? GROUP BY agency) ORDER BY w.agency`, string(wire.KindNotice))
	if err != nil {
		return nil, fmt.Errorf("store: wire agencies: %w", err)
	}
	defer rows.Close()
	var out []wire.Agency
	for rows.Next() {
		var a wire.Agency
		var doc string
		if err := rows.Scan(&a.Key, &doc); err != nil {
			return nil, err
		}
		var it wire.Item
		if err := json.Unmarshal([]byte(doc), &it); err != nil {
			return nil, fmt.Errorf("store: wire agencies: %w", err)
		}
		if a.Name = it.Agency; a.Name == "" {
			a.Name = a.Key
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y wire.Agency) int { return strings.Compare(x.Name, y.Name) })
	return out, rows.Err()
}

// WireUses lists the stories made from a queue item, oldest first.
func (s *Store) WireUses(ctx context.Context, entryID int64) ([]wire.Use, error) {
	return s.wireUses(ctx, "wire_id = ?", entryID)
}

// WireUseOfStory says which queue item a story was made from, if any.
func (s *Store) WireUseOfStory(ctx context.Context, storyID int64) (wire.Use, error) {
	uses, err := s.wireUses(ctx, "story_id = ?", storyID)
	if err != nil || len(uses) == 0 {
		return wire.Use{}, err
	}
	return uses[0], nil
}

func (s *Store) wireUses(ctx context.Context, where string, arg int64) ([]wire.Use, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT story_id, wire_id, as_is, used_at, used_by FROM wire_uses WHERE `+where+
		` ORDER BY used_at, story_id`, arg)
	if err != nil {
		return nil, fmt.Errorf("store: wire uses: %w", err)
	}
	defer rows.Close()
	var out []wire.Use
	for rows.Next() {
		var u wire.Use
		var at int64
		var by sql.NullInt64
		if err := rows.Scan(&u.StoryID, &u.EntryID, &u.AsIs, &at, &by); err != nil {
			return nil, fmt.Errorf("store: wire uses: %w", err)
		}
		u.At, u.By = fromMicros(at), by.Int64
		out = append(out, u)
	}
	return out, rows.Err()
}

// CreateStoryFromWire stores a story made from a queue item and the record of that
// use in one transaction.
func (s *Store) CreateStoryFromWire(ctx context.Context, st *story.Story, use wire.Use) error {
	return s.createStory(ctx, st, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO wire_uses (story_id, wire_id, as_is, used_at, used_by) VALUES (?, ?, ?, ?, ?)`,
			st.ID, use.EntryID, use.AsIs, micros(st.CreatedAt), nullID(use.By))
		if err != nil {
			return fmt.Errorf("store: record use of wire item %d: %w", use.EntryID, err)
		}
		return nil
	})
}

// WireFlags lists the stories whose wire item has a newer version or was withdrawn,
// the most recent changes first.
func (s *Store) WireFlags(ctx context.Context) ([]wire.Flag, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT s.id, s.headline, s.state, w.id, s.source_version, w.version, w.status
		FROM stories s JOIN wire_items w ON w.agency = s.source_agency AND w.item_id = s.source_item_id
		WHERE s.source_item_id <> '' AND (w.version > s.source_version OR w.status <> ?)
		ORDER BY w.changed_at DESC, s.id`, string(wire.StatusUsable))
	if err != nil {
		return nil, fmt.Errorf("store: wire flags: %w", err)
	}
	defer rows.Close()
	var out []wire.Flag
	for rows.Next() {
		var f wire.Flag
		var status string
		if err := rows.Scan(&f.StoryID, &f.StoryHeadline, &f.StoryState, &f.EntryID, &f.UsedVersion, &f.Version, &status); err != nil {
			return nil, fmt.Errorf("store: wire flags: %w", err)
		}
		f.Status = wire.Status(status)
		out = append(out, f)
	}
	return out, rows.Err()
}
