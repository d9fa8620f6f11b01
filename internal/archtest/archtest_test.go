package archtest

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the depguard rules in .golangci.yml from Rules")

// packages lists the module's packages and their (non-test) imports.
func packages(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, Module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkgs[fields[0]] = fields[1:]
	}
	return pkgs
}

// TestImportDirection checks every package of the module, commands included,
// against its rule; a package without a rule fails.
func TestImportDirection(t *testing.T) {
	pkgs := packages(t)
	for pkg, imports := range pkgs {
		if _, ok := Rules[strings.TrimPrefix(pkg, Module+"/")]; !ok {
			t.Errorf("%s has no import rule in internal/archtest/rules.go", pkg)
			continue
		}
		for _, imp := range imports {
			if ok, why := Allowed(pkg, imp); !ok {
				t.Error(why)
			}
		}
	}
	for name := range Rules {
		if _, ok := pkgs[Module+"/"+name]; !ok {
			t.Errorf("rule for %s, which is not a package", name)
		}
	}
}

// TestPrefixMatching: a ban on a standard-library package bans the packages below
// it (database/sql/driver under database/sql), and ours are matched exactly.
func TestPrefixMatching(t *testing.T) {
	for _, c := range []struct {
		pkg, imp string
		ok       bool
	}{
		{"dateline/internal/web", "database/sql/driver", false},
		{"dateline/internal/story", "net/http/httptest", false},
		{"dateline/internal/story", "net/httpx", true},
		{"dateline/internal/web/public", "dateline/internal/web/newsroom", false},
		{"dateline/internal/web/public", "dateline/internal/web", true},
		{"dateline/internal/desk", "dateline/internal/store", false},
		{"dateline/internal/cli", "dateline/cmd/dateline", false},
	} {
		if ok, why := Allowed(c.pkg, c.imp); ok != c.ok {
			t.Errorf("Allowed(%s, %s) = %v (%s), want %v", c.pkg, c.imp, ok, why, c.ok)
		}
	}
}

const (
	beginMark = "      # BEGIN depguard rules: generated from internal/archtest/rules.go by go test ./internal/archtest -update\n"
	endMark   = "      # END depguard rules\n"
)

// TestDepguardSaysTheSame: the depguard rules golangci-lint applies are the ones
// generated from Rules.
func TestDepguardSaysTheSame(t *testing.T) {
	path := filepath.Join("..", "..", ".golangci.yml")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	begin, end := strings.Index(text, beginMark), strings.Index(text, endMark)
	if begin < 0 || end < begin {
		t.Fatalf("%s lacks the generated depguard section", path)
	}
	var all []string
	for pkg := range packages(t) {
		all = append(all, strings.TrimPrefix(pkg, Module+"/"))
	}
	slices.Sort(all)
	want := Depguard(all)
	got := text[begin+len(beginMark) : end]
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(text[:begin+len(beginMark)]+want+text[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the depguard rules in %s differ from internal/archtest/rules.go: run go test ./internal/archtest -update", path)
}
