package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"dateline/internal/fault"
)

// txKey carries a write transaction in a context: every store method called with
// that context joins it, so a use case's change, audit entry and outbox events
// commit together or not at all.
type txKey struct{}

// txState is one open transaction and what it changed, reported once it commits.
type txState struct {
	tx     *Tx
	tags   []string
	events bool // outbox events were written: wake the relays once committed
}

func txOf(ctx context.Context) *txState {
	st, _ := ctx.Value(txKey{}).(*txState)
	return st
}

// Atomically runs fn so that every write the store makes with fn's context commits
// together, or none does. Listeners hear of the changes only after the commit, and
// the CDN purge for them (when purges are on) is an outbox event in the same
// transaction. A call inside another joins the outer transaction.
func (s *Store) Atomically(ctx context.Context, fn func(ctx context.Context) error) error {
	if txOf(ctx) != nil {
		return fn(ctx)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return s.kind(err)
	}
	st := &txState{tx: newTx(tx, s.engine.name == "sqlite")}
	inner := context.WithValue(ctx, txKey{}, st)
	if err := fn(inner); err != nil {
		tx.Rollback()
		return s.kind(err)
	}
	if err := s.addPurge(inner, st.tags); err != nil {
		tx.Rollback()
		return s.kind(err)
	}
	if err := tx.Commit(); err != nil {
		return s.kind(err)
	}
	tags := st.tags
	if st.events {
		tags = append(tags, TagOutbox)
	}
	if len(tags) > 0 {
		s.announce(ctx, tags)
	}
	return nil
}

// inTx runs fn in a write transaction, committing only when fn succeeds; inside
// Atomically it joins the caller's transaction. fn's context carries the
// transaction, so store methods fn calls with it join it too.
func (s *Store) inTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	return s.Atomically(ctx, func(ctx context.Context) error { return fn(ctx, txOf(ctx).tx) })
}

// querier is what a pool and a transaction share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn is a pool or the caller's transaction, with failures mapped to their kind.
type conn struct {
	q querier
	s *Store
}

// wr is where a write goes: the caller's transaction, or the write pool.
func (s *Store) wr(ctx context.Context) conn {
	if st := txOf(ctx); st != nil {
		return conn{st.tx, s}
	}
	return conn{s.write, s}
}

// rd is where a read goes: the caller's transaction, so it sees what the
// transaction wrote, or the read pool.
func (s *Store) rd(ctx context.Context) conn {
	if st := txOf(ctx); st != nil {
		return conn{st.tx, s}
	}
	return conn{s.read, s}
}

func (c conn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := c.q.ExecContext(ctx, query, args...)
	return res, c.s.kind(err)
}

func (c conn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := c.prepared(ctx, query); st != nil {
		rows, err := st.QueryContext(ctx, args...)
		return rows, c.s.kind(err)
	}
	rows, err := c.q.QueryContext(ctx, query, args...)
	return rows, c.s.kind(err)
}

func (c conn) QueryRowContext(ctx context.Context, query string, args ...any) row {
	if st := c.prepared(ctx, query); st != nil {
		return row{st.QueryRowContext(ctx, args...), c.s}
	}
	return row{c.q.QueryRowContext(ctx, query, args...), c.s}
}

// prepared is the read pool's prepared statement for query on SQLite; nil
// elsewhere (a transaction, the writer, PostgreSQL).
func (c conn) prepared(ctx context.Context, query string) *sql.Stmt {
	if c.s.readStmts == nil {
		return nil
	}
	if db, ok := c.q.(*sql.DB); !ok || db != c.s.read {
		return nil
	}
	return c.s.readStmts.stmt(ctx, query)
}

// row maps a single-row query's failure to its kind.
type row struct {
	r *sql.Row
	s *Store
}

func (r row) Scan(dest ...any) error { return r.s.kind(r.r.Scan(dest...)) }

// kind marks a failure to reach the database as fault.ErrUnavailable, keeping the
// driver's error for the log; every other error passes unchanged. Callers above the
// store decide by errors.Is, never by text.
func (s *Store) kind(err error) error {
	if err == nil || errors.Is(err, fault.ErrUnavailable) {
		return err
	}
	var netErr net.Error
	switch {
	case errors.As(err, &netErr), errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), s.engine.isOutage != nil && s.engine.isOutage(err):
		return fmt.Errorf("%w: %w", fault.ErrUnavailable, err)
	}
	return err
}
