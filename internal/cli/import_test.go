package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"dateline/internal/demo"
	"dateline/internal/store/pgtest"
)

// dateline import: a dry run writes nothing, a real run reports counts, a broken
// export is refused with its line and leaves the site as it was, and a Ghost file
// imports the same way.
func TestImportCommand(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			data := t.TempDir()
			db := filepath.Join(data, "dateline.db")
			if engine == "postgres" {
				db = pgtest.URL(t)
			}
			export := "../siteimport/testdata/wordpress.xml"
			code, out, errOut := run(t, nil, "import", "--data", data, "--db", db, "--dry-run", "wordpress", export)
			if code != 0 || !strings.Contains(out, "would be imported (dry run: nothing was written)") ||
				!strings.Contains(out, "story    6 created") {
				t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
			}
			code, out, errOut = run(t, nil, "import", "--data", data, "--db", db, "wordpress", export)
			if code != 0 || !strings.Contains(out, "story    6 created") || !strings.Contains(out, "warning: attachment 34: photo file missing") {
				t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
			}
			code, out, _ = run(t, nil, "import", "--data", data, "--db", db, "wordpress", export)
			if code != 0 || !strings.Contains(out, "story    0 created, 0 updated, 6 unchanged") {
				t.Fatalf("second run: exit %d\n%s", code, out)
			}

			broken := filepath.Join(t.TempDir(), "broken.xml")
			src, _ := os.ReadFile(export)
			bad := strings.Replace(string(src), "</wp:post_name>", "</wp:post_nam>", 3)
			if err := os.WriteFile(broken, []byte(bad), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut = run(t, nil, "import", "--data", data, "--db", db, "wordpress", broken)
			if code != 1 || !strings.Contains(errOut, "the export cannot be read: line ") {
				t.Errorf("broken export: exit %d, %s", code, errOut)
			}
			code, out, errOut = run(t, nil, "import", "--data", data, "--db", db, "ghost", "../siteimport/testdata/ghost.json")
			if code != 0 || !strings.Contains(out, "ghost The Tide Times imported") || !strings.Contains(out, "story    6 created") {
				t.Errorf("ghost: exit %d\n%s\n%s", code, out, errOut)
			}
			code, _, errOut = run(t, nil, "import", "--data", data, "--db", db, "ghost", export)
			if code != 1 || !strings.Contains(errOut, "the export cannot be read") {
				t.Errorf("a WordPress file as Ghost's: exit %d, %s", code, errOut)
			}
			if code, _, _ := run(t, nil, "import", "--data", data, "--db", db, "joomla", export); code != 2 {
				t.Errorf("an unknown system: exit %d, want 2", code)
			}
		})
	}
}

// --fetch-media takes photos from the old site through the guarded client: from a
// loopback address only when DATELINE_WIRE_ALLOW_PRIVATE=1; otherwise the photo is
// refused, reported, and the stories import without it.
func TestImportFetchesMediaThroughTheGuard(t *testing.T) {
	png, _, _, err := demo.Picture(2, 1600, 900)
	if err != nil {
		t.Fatal(err)
	}
	var fetched atomic.Int64
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/wp-content/uploads/2024/05/quay-at-dawn.png" {
			http.NotFound(w, r)
			return
		}
		fetched.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
	}))
	defer old.Close()
	src, err := os.ReadFile("../siteimport/testdata/wordpress.xml")
	if err != nil {
		t.Fatal(err)
	}
	export := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(export, []byte(strings.ReplaceAll(string(src), "https://old.harbour.example", old.URL)), 0o644); err != nil {
		t.Fatal(err)
	}

	guarded := t.TempDir()
	code, out, errOut := run(t, nil, "import", "--data", guarded, "--fetch-media", "wordpress", export)
	if code != 0 || !strings.Contains(out, "refused to connect to a loopback") || !strings.Contains(out, "media    0 created") ||
		!strings.Contains(out, "story    6 created") || fetched.Load() != 0 {
		t.Fatalf("guarded: exit %d, %d fetched\n%s\n%s", code, fetched.Load(), out, errOut)
	}

	allowed := t.TempDir()
	code, out, errOut = run(t, map[string]string{"DATELINE_WIRE_ALLOW_PRIVATE": "1"}, "import", "--data", allowed, "--fetch-media",
		"wordpress", export)
	if code != 0 || !strings.Contains(out, "media    1 created") || fetched.Load() != 1 {
		t.Fatalf("allowed: exit %d, %d fetched\n%s\n%s", code, fetched.Load(), out, errOut)
	}
}
