package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"io"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver to break a target database on purpose

	"dateline/internal/app"
	"dateline/internal/letters"
	"dateline/internal/sitetest"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
	"dateline/internal/story"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errOut, func(string) string { return "" })
	return code, out.String(), errOut.String()
}

func countStories(t *testing.T, dsn string) int {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, n, err := s.Stories(context.Background(), story.Query{AnyState: true})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBackupAndRestore backs up a site that another process keeps open and writing,
// restores it elsewhere, and refuses to overwrite a site with content.
func TestBackupAndRestore(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	if code, _, stderr := runCLI(t, "demo", "--data", src); code != 0 {
		t.Fatal(stderr)
	}
	// The site stays open and busy while the backup runs.
	live, err := store.Open(context.Background(), filepath.Join(src, "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			m := letters.Message{StoryID: 1, Kind: letters.KindPrivate, Name: "Busy", Text: "writing during the backup", State: letters.StatePending}
			live.CreateMessage(context.Background(), &m)
		}
	}()
	// Every media file: the demo's photos and their crops.
	files := 0
	filepath.WalkDir(filepath.Join(src, "media"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files++
		}
		return nil
	})
	want := strconv.Itoa(files) + " media files"
	archive := filepath.Join(t.TempDir(), "site.tar.gz")
	code, out, stderr := runCLI(t, "backup", "--data", src, archive)
	close(stop)
	<-done
	if code != 0 || files < 12 || !strings.Contains(out, want) {
		t.Fatalf("backup: %d %q %q, want %s", code, out, stderr, want)
	}
	if code, out, stderr := runCLI(t, "restore", "--data", dst, archive); code != 0 || !strings.Contains(out, want) {
		t.Fatalf("restore: %d %q %q", code, out, stderr)
	}
	if a, b := countStories(t, filepath.Join(src, "dateline.db")), countStories(t, filepath.Join(dst, "dateline.db")); a != b || a < 14 {
		t.Fatalf("stories: %d in the source, %d restored", a, b)
	}
	// Every media file comes back as it was.
	filepath.WalkDir(filepath.Join(src, "media"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		a, _ := os.ReadFile(path)
		if b, err := os.ReadFile(filepath.Join(dst, rel)); err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s was not restored as it was: %v", rel, err)
		}
		return nil
	})
	// A site with content is not overwritten without --force.
	code, _, stderr = runCLI(t, "restore", "--data", dst, archive)
	if code != 1 || !strings.Contains(stderr, "--force") {
		t.Fatalf("restore over content: %d %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "restore", "--data", dst, "--force", archive); code != 0 {
		t.Fatalf("restore --force: %s", stderr)
	}
	// Damaged or hostile archives are refused and change nothing.
	bad := filepath.Join(t.TempDir(), "bad.tar.gz")
	os.WriteFile(bad, []byte("not a backup"), 0o644)
	if code, _, stderr := runCLI(t, "restore", "--data", t.TempDir(), bad); code != 1 || !strings.Contains(stderr, "not a dateline backup") {
		t.Fatalf("garbage archive: %d %q", code, stderr)
	}
	evil := filepath.Join(t.TempDir(), "evil.tar.gz")
	f, _ := os.Create(evil)
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	tw.WriteHeader(&tar.Header{Name: "../escape.txt", Mode: 0o644, Size: 1, Typeflag: tar.TypeReg})
	tw.Write([]byte("x"))
	tw.Close()
	gz.Close()
	f.Close()
	target := t.TempDir()
	if code, _, stderr := runCLI(t, "restore", "--data", target, evil); code != 1 || !strings.Contains(stderr, "unexpected entry") {
		t.Fatalf("archive escaping the directory: %d %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(target), "escape.txt")); err == nil {
		t.Fatal("a file was written outside the data directory")
	}
}

// TestMigrateDBToPostgres copies the demo site from SQLite to PostgreSQL: every row
// arrives, pages render the same from both, and a failure part-way leaves the
// target empty.
func TestMigrateDBToPostgres(t *testing.T) {
	target := pgtest.URL(t)
	data := t.TempDir()
	if code, _, stderr := runCLI(t, "demo", "--data", data, "--stories", "300"); code != 0 {
		t.Fatal(stderr)
	}
	sqlitePath := filepath.Join(data, "dateline.db")
	code, out, stderr := runCLI(t, "migrate-db", "--from", sqlitePath, "--to", target)
	if code != 0 || !strings.Contains(out, "counts and checksums match") {
		t.Fatalf("migrate-db: %d %q %q", code, out, stderr)
	}
	if a, b := countStories(t, sqlitePath), countStories(t, target); a != b || a < 300 {
		t.Fatalf("stories: %d in SQLite, %d in PostgreSQL", a, b)
	}
	// The same pages from both databases.
	pageFrom := func(dsn, path string) string {
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		handler, _, err := app.Assemble(
			st,
			sitetest.MustBlobs(t, data),
			filepath.Join(data, "theme"),
			sitetest.DiscardLog(),
			func() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) },
			app.Options{},
		)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		body, _ := io.ReadAll(rec.Body)
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		return string(body)
	}
	for _, path := range []string{"/", "/world/asia/", "/topics/trade/", "/people/mei-lin-chau/"} {
		if pageFrom(sqlitePath, path) != pageFrom(target, path) {
			t.Errorf("%s differs between SQLite and the migrated PostgreSQL site", path)
		}
	}
	// New rows in PostgreSQL continue the copied ids.
	pg, err := store.Open(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	m := letters.Message{StoryID: 1, Kind: letters.KindComment, Name: "After", Text: "After the move.", State: letters.StatePending}
	if err := pg.CreateMessage(context.Background(), &m); err != nil {
		t.Fatalf("a new row after the copy: %v", err)
	}
	pg.Close()

	// A copy that fails part-way leaves nothing behind.
	broken := pgtest.URL(t)
	db, err := sql.Open("pgx", broken)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ALTER TABLE messages ADD COLUMN required_extra TEXT NOT NULL"); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "migrate-db", "--from", sqlitePath, "--to", broken)
	if code != 1 || !strings.Contains(stderr, "messages") || !strings.Contains(stderr, "left as it was") {
		t.Fatalf("failing copy: %d %q", code, stderr)
	}
	var n int
	if err := db.QueryRow("SELECT (SELECT COUNT(*) FROM stories) + (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM site_settings)").Scan(&n); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if n != 0 {
		t.Fatalf("a failed copy left %d rows in the target", n)
	}
}

// TestRestoreRefusesARunningSite: restore, even with --force, will not replace the
// database of a running server (the server would go on writing to the deleted
// file); commands that write through SQLite, and backup, keep working beside it.
func TestRestoreRefusesARunningSite(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := runCLI(t, "demo", "--data", data); code != 0 {
		t.Fatal(stderr)
	}
	archive := filepath.Join(t.TempDir(), "site.tar.gz")
	if code, _, stderr := runCLI(t, "backup", "--data", data, archive); code != 0 {
		t.Fatal(stderr)
	}
	code, stderr := serveWhile(t, nil, func() {
		if code, _, stderr := runCLI(t, "restore", "--data", data, "--force", archive); code != 1 || !strings.Contains(stderr, "stop it first") {
			t.Errorf("restore --force beside a running server: exit %d, %q", code, stderr)
		}
		var out, errOut strings.Builder
		if code := Run(context.Background(), []string{"user", "add", "--data", data, "--email", "beside@example.com", "--name", "Beside",
			"--role", "writer"},
			strings.NewReader("a long enough password\n"), &out, &errOut, func(string) string { return "" }); code != 0 {
			t.Errorf("user add beside a running server: %d %s", code, errOut.String())
		}
		if code, _, stderr := runCLI(t, "backup", "--data", data, filepath.Join(t.TempDir(), "live.tar.gz")); code != 0 {
			t.Errorf("backup of a running site: %s", stderr)
		}
	}, "--data", data)
	if code != 0 {
		t.Fatalf("serve: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "restore", "--data", data, "--force", archive); code != 0 {
		t.Fatalf("restore --force once the server stopped: %s", stderr)
	}
}
