package cli

import (
	"context"
	"flag"
	"fmt"
)

// migrateCmd applies pending migrations (opening the store does it) and reports the version.
func migrateCmd(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	st := addStorageFlags(fs, env)
	if err := parseFlags(fs, env, args); err != nil {
		return err
	}
	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer blobs.Close()
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "database is at schema version %d\n", v)
	return nil
}
