// Package postgres is the PostgreSQL engine: pgx through database/sql, with the
// PostgreSQL dialect of the schema. The store writes its SQL once with ? placeholders;
// this package's connector rewrites them to $1, $2... It is a leaf: it imports no
// other Dateline package.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// Migrations holds the ordered schema migrations, numbered like SQLite's.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Open connects to the database named by a postgres:// URL and checks that it
// answers. Errors name the host, port, database and user, never the password.
func Open(ctx context.Context, dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, errors.New("the PostgreSQL URL cannot be parsed (check its form: postgres://user:password@host:5432/dbname)")
	}
	where := fmt.Sprintf("%s:%d/%s as user %q", cfg.Host, cfg.Port, cfg.Database, cfg.User)
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	db := sql.OpenDB(connector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot connect to PostgreSQL at %s: %s", where, safeMessage(err, cfg.Password))
	}
	return db, nil
}

// safeMessage is the error text with the password taken out, in case a driver
// message ever repeats the connection string.
func safeMessage(err error, password string) string {
	msg := err.Error()
	if password != "" {
		msg = strings.ReplaceAll(msg, password, "…")
	}
	return msg
}

// IsUniqueViolation reports a unique_violation (23505); the message names the constraint.
func IsUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// Rebind rewrites ? placeholders to $1, $2... outside quoted strings and identifiers.
func Rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// connector wraps pgx's, so every connection rebinds placeholders.
type connector struct{ driver.Connector }

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	inner, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &conn{inner}, nil
}

// conn passes everything to pgx's connection, rewriting query text on the way. It
// implements database/sql's optional interfaces, passing each to pgx's connection
// when it has it, so none of pgx's behaviour is lost.
type conn struct{ driver.Conn }

func (c *conn) Prepare(query string) (driver.Stmt, error) { return c.Conn.Prepare(Rebind(query)) }

func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, Rebind(query))
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, Rebind(query), args)
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, Rebind(query), args)
}

func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *conn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *conn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *conn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *conn) CheckNamedValue(v *driver.NamedValue) error {
	if n, ok := c.Conn.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(v)
	}
	return driver.ErrSkip
}

// Search SQL: the store writes the rest of each search query around these.
const (
	// IndexDelete removes a story from the index.
	IndexDelete = "DELETE FROM story_search WHERE story_id = ?"
	// IndexInsert adds a story: id, headline, dek, body, topics.
	IndexInsert = `INSERT INTO story_search (story_id, doc) VALUES (?,
		setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B') ||
		setweight(to_tsvector('english', ?), 'C') || setweight(to_tsvector('english', ?), 'A'))`
	// Match selects (id, score) of matching stories, higher scores better; its one
	// parameter is a websearch_to_tsquery string.
	Match = `SELECT story_id AS id, ts_rank(doc, query, 1) AS score
		FROM story_search, websearch_to_tsquery('english', ?) query WHERE doc @@ query`
	// IndexCount counts indexed stories.
	IndexCount = "SELECT COUNT(*) FROM story_search"
	// Unindexed lists published stories missing from the index.
	Unindexed = "SELECT id FROM stories s WHERE state = 'published' AND NOT EXISTS (SELECT 1 FROM story_search x WHERE x.story_id = s.id) ORDER BY id"
)

// Notify sends a change to every node listening: its parameter is the payload.
const Notify = "SELECT pg_notify('dateline_changes', ?)"

// Listen delivers the payload of every change notification until ctx ends. Losing
// the connection is reported to lost at once; it reconnects as soon as the database
// answers again (trying every retry interval, without a growing back-off, so a
// recovered node is current within a moment), and after a reconnection calls
// reconnected, because notifications sent while it was away are gone.
func Listen(ctx context.Context, dsn string, retry time.Duration, deliver func(payload string), lost, reconnected func()) {
	for ctx.Err() == nil {
		connectCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		conn, err := pgx.Connect(connectCtx, dsn)
		cancel()
		if err == nil {
			_, err = conn.Exec(ctx, "LISTEN dateline_changes")
		}
		if err == nil {
			reconnected()
			for err == nil {
				var n *pgconn.Notification
				if n, err = conn.WaitForNotification(ctx); err == nil {
					deliver(n.Payload)
				}
			}
			if ctx.Err() == nil {
				lost()
			}
		}
		if conn != nil {
			conn.Close(context.Background())
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(retry):
		}
	}
}

// IsOutage reports a failure to reach the server or a server that cannot serve now:
// a failed connection, a connection that closed or timed out, a connection exception
// (SQLSTATE class 08), or a server shutting down or starting (57P01–57P03).
func IsOutage(err error) bool {
	var ce *pgconn.ConnectError
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &ce), errors.Is(err, pgconn.ErrConnClosed), pgconn.Timeout(err):
		return true
	case errors.As(err, &pe):
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	return false
}
