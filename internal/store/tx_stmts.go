package store

import (
	"context"
	"database/sql"
)

// Tx is a write transaction whose statements, on SQLite, are prepared once and
// reused for the rest of the transaction: the pure-Go driver parses a statement's
// SQL again at every call otherwise, and a bulk change (an import's batch of 250
// posts, each a dozen statements) spent a third of its time doing that.
// PostgreSQL's driver keeps its own statement cache, so there it passes through.
type Tx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt // nil: no caching
}

func newTx(tx *sql.Tx, cache bool) *Tx {
	t := &Tx{Tx: tx}
	if cache {
		t.stmts = map[string]*sql.Stmt{}
	}
	return t
}

// stmt is the cached statement for query, prepared on first use; nil when the
// transaction does not cache or preparing failed (the plain call then reports it).
func (t *Tx) stmt(ctx context.Context, query string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	if st, ok := t.stmts[query]; ok {
		return st
	}
	st, err := t.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	t.stmts[query] = st // closed with the transaction
	return st
}

// ExecContext runs a statement, prepared once per transaction on SQLite.
func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query, prepared once per transaction on SQLite.
// (Multi-row queries are not cached: a statement must not run again while its
// rows are still being read.)
func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}
