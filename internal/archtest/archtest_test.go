// Package archtest checks the import direction of docs/ARCHITECTURE.md, so a layering
// mistake fails go test even where no linter runs.
package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

const mod = "dateline/internal/"

// forbidden lists, per package (a trailing / means "and below"), the imports it must
// not have. Domain packages do no I/O and know nothing of storage or HTTP.
var forbidden = map[string][]string{
	"story":           {"store", "web", "render", "cli", "theme", "demo", "net/http", "database/sql"},
	"section":         {"store", "web", "render", "cli", "theme", "demo", "net/http", "database/sql"},
	"people":          {"store", "web", "render", "cli", "theme", "demo", "net/http", "database/sql"},
	"letters":         {"store", "web", "render", "cli", "theme", "demo", "net/http", "database/sql"},
	"media":           {"store", "web", "render", "cli", "theme", "demo", "net/http", "database/sql"},
	"settings":        {"store", "web", "render", "cli", "theme", "demo", "net/http", "database/sql"},
	"render":          {"store", "web", "cli", "demo", "database/sql"},
	"theme":           {"store", "web", "render", "cli", "demo", "story", "database/sql"},
	"store":           {"web", "render", "cli", "theme", "demo", "net/http"},
	"store/sqlite/":   {"*"},
	"store/postgres/": {"*"},
	"web/":            {"store", "cli", "demo", "database/sql"},
	"demo":            {"store", "web", "cli", "database/sql"},
	"desk":            {"store", "web", "cli", "demo", "render", "net/http", "database/sql"},
	"auth":            {"store", "web", "cli", "demo", "net/http", "database/sql"},
	"audit":           {"store", "web", "cli", "demo", "net/http", "database/sql"},
	"job":             {"store", "web", "cli", "demo", "net/http", "database/sql"},
	"wire":            {"*", "net/http", "database/sql"},
	"ingest":          {"store", "web", "cli", "demo", "database/sql"},
	"web/public":      {"web/newsroom", "web/api"},
	"web/newsroom":    {"web/public", "web/api"},
	"web/api":         {"web/public", "web/newsroom"},
}

func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "dateline/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, imports := strings.TrimPrefix(fields[0], mod), fields[1:]
		for rule, banned := range forbidden {
			if !(pkg == rule || (strings.HasSuffix(rule, "/") && (strings.HasPrefix(pkg, rule) || pkg+"/" == rule))) {
				continue
			}
			for _, imp := range imports {
				for _, b := range banned {
					ours := strings.HasPrefix(imp, mod)
					name := strings.TrimPrefix(imp, mod)
					if (b == "*" && ours) || (ours && (name == b || strings.HasPrefix(name, b+"/"))) || (!ours && imp == b) {
						t.Errorf("%s imports %s, which docs/ARCHITECTURE.md forbids", pkg, imp)
					}
				}
			}
		}
	}
}
