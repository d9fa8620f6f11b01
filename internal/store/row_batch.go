package store

import (
	"context"
	"fmt"
	"strings"
)

// rowBatch inserts rows many to a statement: a bulk load spends less on statements
// than on rows. Rows are sent when perStatement of them are waiting and on flush.
type rowBatch struct {
	tx           *Tx
	head         string // "INSERT INTO t (a, b) VALUES "
	row          string // "(?, ?)"
	width        int
	perStatement int
	args         []any
}

// newRowBatch prepares inserts of width-column rows; perStatement times width must
// stay within both engines' limits on parameters (SQLite's is 32,766).
func newRowBatch(tx *Tx, head string, width, perStatement int) *rowBatch {
	return &rowBatch{tx: tx, head: head, row: "(" + placeholders(width) + ")", width: width, perStatement: perStatement}
}

// add queues a row, sending the waiting rows when a statement is full.
func (b *rowBatch) add(ctx context.Context, values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) < b.width*b.perStatement {
		return nil
	}
	return b.flush(ctx)
}

// flush sends the waiting rows.
func (b *rowBatch) flush(ctx context.Context) error {
	n := len(b.args) / b.width
	if n == 0 {
		return nil
	}
	query := b.head + strings.Repeat(b.row+", ", n-1) + b.row
	_, err := b.tx.ExecContext(ctx, query, b.args...)
	b.args = b.args[:0]
	if err != nil {
		return fmt.Errorf("store: %s: %w", strings.TrimSpace(b.head), err)
	}
	return nil
}
