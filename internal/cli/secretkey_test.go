package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/sitetest"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
)

// serveBriefly starts serve, waits until it serves, stops it and returns its exit code
// and standard error; a serve that exits before serving returns at once.
func serveBriefly(t *testing.T, env map[string]string, args ...string) (int, string) {
	t.Helper()
	return serveWhile(t, env, func() {}, args...)
}

// serveWhile is serveBriefly running while(), as the server runs, before stopping it.
func serveWhile(t *testing.T, env map[string]string, while func(), args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut sitetest.LockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), &out, &errOut,
			func(k string) string { return env[k] })
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !regexp.MustCompile(`serving http://`).MatchString(out.String()) {
		select {
		case code := <-done:
			return code, errOut.String()
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("serve did not start within 30 s")
		}
	}
	while()
	cancel()
	select {
	case code := <-done:
		return code, errOut.String()
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	return 0, ""
}

// TestSecretKeyLivesOutsideTheDatabase: an upgraded SQLite site's secret moves from
// the database into <data>/secret.key (mode 0600) and leaves the database, so
// backups no longer carry it; a PostgreSQL site must be given its key.
func TestSecretKeyLivesOutsideTheDatabase(t *testing.T) {
	data := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(data, "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	legacy := strings.Repeat("5e", 32)
	if _, err := st.DB().Exec("INSERT INTO site_secret (id, secret) VALUES (1, ?)", legacy); err != nil {
		t.Fatal(err)
	}
	st.Close()

	if code, errOut := serveBriefly(t, nil, "--data", data); code != 0 {
		t.Fatalf("serve: %d %s", code, errOut)
	}
	keyFile := filepath.Join(data, "secret.key")
	info, err := os.Stat(keyFile)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v", err, info.Mode())
	}
	if b, _ := os.ReadFile(keyFile); strings.TrimSpace(string(b)) != legacy {
		t.Fatal("the database's secret did not become the key")
	}
	st, err = store.Open(context.Background(), filepath.Join(data, "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := st.LegacySecret(context.Background()); err != nil || v != "" {
		t.Fatalf("the database still holds the secret (%q, %v)", v, err)
	}
	st.Close()
	// A second start keeps the same key.
	if code, errOut := serveBriefly(t, nil, "--data", data); code != 0 {
		t.Fatalf("second serve: %d %s", code, errOut)
	}
	if b, _ := os.ReadFile(keyFile); strings.TrimSpace(string(b)) != legacy {
		t.Fatal("the key changed on a second start")
	}
	// A key given in the environment or a file wins; a short one is refused.
	if code, errOut := serveBriefly(t, map[string]string{"DATELINE_SECRET_KEY": "too short"}, "--data", data); code == 0 ||
		!strings.Contains(errOut, "at least 32") {
		t.Fatalf("short key: exit %d, %q", code, errOut)
	}

	dsn := pgtest.URL(t) // skips here without a PostgreSQL server (fails in CI)
	code, errOut := serveBriefly(t, nil, "--data", t.TempDir(), "--db", dsn)
	if code == 0 || !strings.Contains(errOut, "DATELINE_SECRET_KEY") {
		t.Fatalf("PostgreSQL without a key: exit %d, %q", code, errOut)
	}
	code, errOut = serveBriefly(t, map[string]string{"DATELINE_SECRET_KEY": strings.Repeat("k", 40)}, "--data", t.TempDir(), "--db", dsn)
	if code != 0 {
		t.Fatalf("PostgreSQL with a key: exit %d, %q", code, errOut)
	}
}
