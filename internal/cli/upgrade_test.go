package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/app"
	"dateline/internal/auth"
	"dateline/internal/demo"
	"dateline/internal/people"
	"dateline/internal/secret"
	"dateline/internal/sitetest"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
)

// TestRollingUpgrade builds the previous release (the commit named in
// testdata/previous-release) and runs it against a database this release has
// migrated, as during a rolling upgrade: the old node still serves and writes, the
// new node serves what the old one wrote, and the old node what the new one wrote.
// It builds a binary, so it runs when DATELINE_UPGRADE_TEST is set (CI sets it).
func TestRollingUpgrade(t *testing.T) {
	if os.Getenv("DATELINE_UPGRADE_TEST") == "" {
		t.Skip("set DATELINE_UPGRADE_TEST=1 to build the previous release and run it against this schema (CI does)")
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "previous-release"))
	if err != nil {
		t.Fatal(err)
	}
	commit := strings.TrimSpace(string(raw))
	old := buildRelease(t, commit)

	dsn := pgtest.URL(t) // migrated by this release
	ctx := context.Background()
	data := t.TempDir()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	blobs := sitetest.MustBlobs(t, data) // the old node's media directory, shared
	if _, err := demo.Load(ctx, st, blobs, time.Now()); err != nil {
		t.Fatal(err)
	}
	editor := people.Person{Slug: "rolling-editor", Name: "Rolling Editor", Email: "rolling@test.example", Role: people.RoleEditor}
	if err := st.CreatePerson(ctx, &editor); err != nil {
		t.Fatal(err)
	}
	token, hash := auth.NewSecret()
	if err := st.CreateToken(ctx, hash, editor.ID, "rolling upgrade"); err != nil {
		t.Fatal(err)
	}
	const key = "the one secret key of every node, long enough"

	// The old release, serving the migrated database.
	cmd := exec.Command(old, "serve", "--data", data, "--addr", "127.0.0.1:0", "--db", dsn)
	cmd.Env = append(os.Environ(), "DATELINE_SECRET_KEY="+key)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr sitetest.LockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	oldURL := serveURL(t, stdout, &stderr)

	// This release, on the same database.
	keys, err := secret.New(key, "")
	if err != nil {
		t.Fatal(err)
	}
	handler, work, err := app.Assemble(st, blobs, filepath.Join(t.TempDir(), "theme"), sitetest.DiscardLog(), time.Now,
		app.Options{MinFillTime: -1, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	sitetest.RunWorkers(t, work)
	listen, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	go st.ListenForChanges(listen)
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	newNode := server.URL

	if status, body := fetch(t, oldURL); status != http.StatusOK || !strings.Contains(body, "Harbour ferries return") {
		t.Fatalf("old release's home page on the new schema: %d", status)
	}
	// The old release writes: a story filed and published through its Admin API.
	oldStory := publishThrough(t, oldURL, token, "Written by the old release")
	// The new release writes one too.
	newStory := publishThrough(t, newNode, token, "Written by the new release")
	for _, c := range []struct{ node, path, headline string }{
		{newNode, oldStory, "Written by the old release"},
		{oldURL, newStory, "Written by the new release"},
		{oldURL, oldStory, "Written by the old release"},
	} {
		deadline := time.Now().Add(10 * time.Second)
		for {
			status, body := fetch(t, strings.TrimSuffix(c.node, "/")+c.path)
			if status == http.StatusOK && strings.Contains(body, c.headline) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s%s: %d, want the story %q", c.node, c.path, status, c.headline)
			}
			<-time.After(50 * time.Millisecond)
		}
	}
	if strings.Contains(stderr.String(), "panic") {
		t.Fatalf("the old release panicked: %s", stderr.String())
	}
}

// buildRelease builds cmd/dateline at a commit of this repository's history.
func buildRelease(t *testing.T, commit string) string {
	t.Helper()
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Fatalf("the rolling upgrade test needs the repository's history (git): %v", err)
	}
	root := strings.TrimSpace(string(out))
	src := filepath.Join(t.TempDir(), "src")
	if out, err := exec.Command("git", "-C", root, "worktree", "add", "--detach", src, commit).CombinedOutput(); err != nil {
		t.Fatalf("checking out the previous release %s (a shallow clone lacks it): %v %s", commit, err, out)
	}
	t.Cleanup(func() { _ = exec.Command("git", "-C", root, "worktree", "remove", "--force", src).Run() })
	bin := filepath.Join(t.TempDir(), "dateline-previous")
	build := exec.Command("go", "build", "-o", bin, "./cmd/dateline")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the previous release: %v %s", err, out)
	}
	return bin
}

var servingLine = regexp.MustCompile(`serving (http://\S+)`)

// serveURL reads a serve command's output until it names its address.
func serveURL(t *testing.T, stdout io.Reader, stderr *sitetest.LockedBuffer) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(60 * time.Second):
		t.Fatalf("the previous release did not start: %s", stderr.String())
	}
	return ""
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// publishThrough files and publishes a story through a node's Admin API and
// returns its public path.
func publishThrough(t *testing.T, node, token, headline string) string {
	t.Helper()
	call := func(method, path, body string) map[string]any {
		req, _ := http.NewRequest(method, strings.TrimSuffix(node, "/")+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode >= 300 {
			t.Fatalf("%s %s on %s: %s %v %v", method, path, node, resp.Status, out, err)
		}
		return out
	}
	created := call("POST", "/api/admin/v1/stories", `{"headline":"`+headline+`","section":"business","body_markdown":"Text."}`)
	id := int64(created["id"].(float64))
	published := call("POST", "/api/admin/v1/stories/"+sitetest.Itoa(id)+"/transition", `{"to":"published"}`)
	u, _ := published["url"].(string)
	if u == "" {
		t.Fatalf("published story without a url: %v", published)
	}
	parsed, err := url.Parse(u)
	if err != nil || parsed.Path == "" {
		t.Fatalf("published story's url %q", u)
	}
	return parsed.Path
}
