package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
			if code != 0 || !strings.Contains(out, "ghost The Tide Times imported") || !strings.Contains(out, "story    5 created") {
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
