package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"dateline/internal/store"
)

// migrateDBCmd copies a whole SQLite site into an empty PostgreSQL database.
func migrateDBCmd(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("migrate-db", flag.ContinueOnError)
	from := fs.String("from", "", "the SQLite database file to copy from")
	to := fs.String("to", "", "the postgres:// URL of an empty database to copy into")
	if err := parseFlags(fs, env, args); err != nil {
		return err
	}
	if *from == "" || !strings.HasPrefix(*to, "postgres") {
		fmt.Fprintln(env.Stderr, "Usage: dateline migrate-db --from ./dateline-data/dateline.db --to postgres://user@host/db")
		return errUsage
	}
	if strings.Contains(*from, "://") {
		return errors.New("--from must be a SQLite file path")
	}
	src, err := store.Open(ctx, *from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.Open(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	reports, err := src.CopyTo(ctx, dst)
	if err != nil {
		return fmt.Errorf("%w (the target was left as it was)", err)
	}
	total := 0
	for _, r := range reports {
		total += r.Rows
		fmt.Fprintf(env.Stdout, "  %-16s %8d rows  checksum %s  ok\n", r.Table, r.Rows, r.Checksum)
	}
	fmt.Fprintf(
		env.Stdout,
		"Copied %d rows in %d tables; counts and checksums match. Media files stay in the data directory: share it with every node.\n",
		total,
		len(reports),
	)
	return nil
}
