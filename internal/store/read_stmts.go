package store

import (
	"context"
	"database/sql"
	"sync"
)

// readStmts keeps the SQLite read pool's statements prepared, by query: the pure-Go
// driver otherwise parses a statement's SQL at every call, and on a cold story
// page that parsing was a fifth of the page's time. Each statement is prepared on
// a reader the first time that reader runs it. PostgreSQL's driver keeps its own
// statement cache.
type readStmts struct {
	mu    sync.Mutex
	db    *sql.DB
	stmts map[string]*sql.Stmt
}

// maxReadStmts bounds the cache: queries are constants or built from a few shapes
// (an IN list's length), but a bound keeps an unforeseen shape from growing it.
const maxReadStmts = 512

// stmt is the prepared statement for query, or nil when it cannot be (the plain
// call then reports why) or the cache is full.
func (r *readStmts) stmt(ctx context.Context, query string) *sql.Stmt {
	r.mu.Lock()
	st, ok := r.stmts[query]
	full := len(r.stmts) >= maxReadStmts
	r.mu.Unlock()
	if ok || full {
		return st
	}
	st, err := r.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if prev, ok := r.stmts[query]; ok { // prepared meanwhile by another reader
		st.Close()
		return prev
	}
	r.stmts[query] = st
	return st
}

func (r *readStmts) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for q, st := range r.stmts {
		st.Close()
		delete(r.stmts, q)
	}
}
