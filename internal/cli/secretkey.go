package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"dateline/internal/secret"
	"dateline/internal/store"
)

// keyFlags are where serve finds the site's secret key and how long its links last.
type keyFlags struct {
	file                string
	inviteTTL, resetTTL time.Duration
}

func addKeyFlags(fs *flag.FlagSet, env Env) (*keyFlags, error) {
	k := &keyFlags{}
	fs.StringVar(&k.file, "secret-key-file", env.Getenv("DATELINE_SECRET_KEY_FILE"),
		"file holding the secret key (a second line: the previous key, during a rotation) (env DATELINE_SECRET_KEY_FILE)")
	var err error
	if k.inviteTTL, err = envDuration(env, "DATELINE_INVITE_TTL", 7*24*time.Hour); err != nil {
		return nil, err
	}
	if k.resetTTL, err = envDuration(env, "DATELINE_RESET_TTL", time.Hour); err != nil {
		return nil, err
	}
	return k, nil
}

func envDuration(env Env, name string, fallback time.Duration) (time.Duration, error) {
	v := env.Getenv(name)
	if v == "" {
		return fallback, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q: want a positive duration such as 1h or 168h", name, v)
	}
	return d, nil
}

// loadKeys finds the secret key: DATELINE_SECRET_KEY, --secret-key-file, or the data
// directory's secret.key, made on first start. A site upgraded from a version that
// kept its secret in the database keeps that secret as its key; on SQLite the
// database's copy is then deleted, so backups no longer carry it. A PostgreSQL site
// is shared by nodes: with no key given, each would make its own, so it must be
// given one, except that an upgraded site goes on with the database's secret (with
// a warning) until it is.
func loadKeys(ctx context.Context, s *store.Store, env Env, kf *keyFlags, dataDir string, log *slog.Logger) (*secret.Keys, error) {
	src := secret.Source{Key: env.Getenv("DATELINE_SECRET_KEY"), Previous: env.Getenv("DATELINE_SECRET_KEY_PREVIOUS"), File: kf.file,
		DataDir: dataDir, Legacy: func() (string, error) { return s.LegacySecret(ctx) }}
	if s.Engine() == "postgres" && src.Key == "" && src.File == "" {
		legacy, err := s.LegacySecret(ctx)
		if err != nil {
			return nil, err
		}
		if legacy == "" {
			return nil, fmt.Errorf(
				"a PostgreSQL site needs the same secret key on every node: set DATELINE_SECRET_KEY or --secret-key-file (make one with: head -c 32 /dev/urandom | xxd -p -c 64)",
			)
		}
		log.Warn("no secret key given: using the one this site kept in its database; set DATELINE_SECRET_KEY on every node (see docs/deploy.md)")
		return secret.New(legacy, src.Previous)
	}
	keys, created, err := secret.Load(src)
	if err != nil {
		return nil, err
	}
	if created {
		log.Info("made the site's secret key", "file", dataDir+"/"+secret.FileName)
	}
	if s.Engine() == "sqlite" {
		if err := s.DropLegacySecret(ctx); err != nil {
			return nil, err
		}
	}
	return keys, nil
}
