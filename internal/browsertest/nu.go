package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
)

// NuErrors checks HTML documents (name → markup) with the Nu HTML Checker
// (DATELINE_VNU_JAR, run by DATELINE_JAVA or /usr/bin/java) and returns its errors
// and warnings, each naming its document, line and the markup concerned.
func NuErrors(t testing.TB, pages map[string]string) []string {
	t.Helper()
	jar := Tool(t, "DATELINE_VNU_JAR", "")
	java := Tool(t, "DATELINE_JAVA", "/usr/bin/java")
	dir := t.TempDir()
	var files []string
	for name, html := range pages {
		file := filepath.Join(dir, name+".html")
		if err := os.WriteFile(file, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	sort.Strings(files)
	out, _ := exec.Command(java, append([]string{"-jar", jar, "--format", "json", "--stdout"}, files...)...).Output()
	var report struct {
		Messages []struct {
			Type, SubType, Message, URL string
			LastLine                    int
			Extract                     string
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("validator output is not JSON: %v\n%s", err, out)
	}
	var problems []string
	for _, m := range report.Messages {
		if m.Type == "error" || m.SubType == "warning" || m.Type == "non-document-error" {
			problems = append(problems, fmt.Sprintf("%s line %d: %s %s: %s (%q)", filepath.Base(m.URL), m.LastLine, m.Type, m.SubType,
				m.Message, m.Extract))
		}
	}
	return problems
}
