// Package browsertest starts headless Chromium for tests, the way this project's
// machines allow: Debian's /usr/bin/chromium, a fresh profile, no background
// networking. Without a browser the test skips, unless DATELINE_REQUIRE_BROWSER=1
// (set in CI), where a missing tool fails the test.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Tool returns the path in env (or fallback) if the file exists; else it skips or,
// in CI, fails the test.
func Tool(t testing.TB, env, fallback string) string {
	t.Helper()
	path := os.Getenv(env)
	if path == "" {
		path = fallback
	}
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}
	msg := env + " is not set or the file is missing (" + path + "); .ci/run installs it"
	if os.Getenv("DATELINE_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Chromium starts a headless browser and returns a context for chromedp actions,
// with a deadline of timeout.
func Chromium(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	path := Tool(t, "DATELINE_CHROMIUM", "/usr/bin/chromium")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// Steps returns a function that runs actions in ctx as one named step of a user
// flow, failing the test with the step's name when any action fails.
func Steps(t testing.TB, ctx context.Context) func(step string, actions ...chromedp.Action[chromedp.Void]) {
	return func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
}

// WaitText waits, up to 30 s (the machine is shared and busy), for the first
// element matching sel to contain want: a click that submits a form returns before
// the next page has loaded. It returns once that page has been parsed whole too, so
// the steps after it meet the whole page, not its first part. On failure it says
// where the browser is and what the page's heading says.
func WaitText(t testing.TB, ctx context.Context, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+strconv.Quote(sel)+`)||{}).textContent||""`))
		if strings.Contains(v, want) {
			Loaded(t, ctx)
			return
		}
		if time.Now().After(deadline) {
			where, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " (" + ((document.querySelector("h1")||{}).textContent||"") + ")"`))
			t.Fatalf("waited 30s for %s to say %q; it says %q, at %s", sel, want, v, where)
		}
		<-time.After(50 * time.Millisecond) // poll again
	}
}

// Loaded waits, up to 30 s, until the page in ctx has been parsed whole and its
// subresources loaded: an element near the top (a flash message) can be there
// while the rest of the document is still arriving.
func Loaded(t testing.TB, ctx context.Context) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		done, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete"`))
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("waited 30s for the page to finish loading")
		}
		<-time.After(50 * time.Millisecond) // poll again
	}
}

// PageHTML is the document loaded in ctx, once loaded whole, as markup for the
// Nu HTML Checker.
func PageHTML(t testing.TB, ctx context.Context) string {
	t.Helper()
	Loaded(t, ctx)
	page, err := chromedp.Run(ctx, chromedp.Evaluate[string](`"<!DOCTYPE html>\n" + document.documentElement.outerHTML`))
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// AxeViolations runs axe-core (DATELINE_AXE_JS) on the page loaded in ctx against
// WCAG 2.2 A and AA and describes each violation it finds.
func AxeViolations(t testing.TB, ctx context.Context) []string {
	t.Helper()
	script, err := os.ReadFile(Tool(t, "DATELINE_AXE_JS", ""))
	Loaded(t, ctx)
	if err != nil {
		t.Fatal(err)
	}
	type violation struct {
		ID     string
		Impact string
		Help   string
		Nodes  []struct{ Target []any }
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(script)+";true")); err != nil {
		t.Fatalf("loading axe: %v", err)
	}
	run := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}).then(r => r.violations)`
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](run, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe: %v", err)
	}
	var out []string
	for _, v := range violations {
		out = append(out, fmt.Sprintf("%s [%s] at %v", v.Help, v.Impact, v.Nodes))
	}
	return out
}

// Text is the rendered text of the first element matching sel in the page loaded
// now, once parsed whole. It reads the current document by script rather than
// holding on to a node, so it never waits on an element of a page that a navigation
// has just replaced.
func Text(t testing.TB, ctx context.Context, sel string) string {
	t.Helper()
	Loaded(t, ctx)
	v, err := chromedp.Run(
		ctx,
		chromedp.Evaluate[string](
			`(() => { const e = document.querySelector(`+strconv.Quote(sel)+`); return e ? e.innerText : "\u0000missing"; })()`,
		),
	)
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	if v == "\x00missing" {
		t.Fatalf("no %s on the page", sel)
	}
	return strings.TrimSpace(v)
}

// AXNode is what the accessibility tree says of one node: its role, its accessible
// name and the names of the nodes inside it, as a screen reader would meet them.
type AXNode struct {
	Role, Name string
	Inside     []string
}

// Focused is the accessibility tree's node that has the focus, read from Chromium's
// own tree rather than the DOM.
func Focused(t testing.TB, ctx context.Context) AXNode {
	t.Helper()
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatalf("reading the accessibility tree: %v", err)
	}
	byID := map[accessibility.NodeID]*accessibility.Node{}
	var focused *accessibility.Node
	for _, n := range tree.Nodes {
		byID[n.NodeID] = n
		for _, p := range n.Properties {
			if p.Name == accessibility.PropertyNameFocused && p.Value != nil && string(p.Value.Value) == "true" {
				focused = n
			}
		}
	}
	if focused == nil {
		return AXNode{}
	}
	str := func(v *accessibility.Value) string {
		if v == nil {
			return ""
		}
		var s string
		_ = json.Unmarshal(v.Value, &s)
		return s
	}
	out := AXNode{Role: str(focused.Role), Name: str(focused.Name)}
	var walk func(ids []accessibility.NodeID)
	walk = func(ids []accessibility.NodeID) {
		for _, id := range ids {
			if n := byID[id]; n != nil {
				if name := str(n.Name); name != "" {
					out.Inside = append(out.Inside, name)
				}
				walk(n.ChildIDs)
			}
		}
	}
	walk(focused.ChildIDs)
	return out
}

// RequestsElsewhere records, from now on, every request the page in ctx makes to
// an address not starting with own (data: addresses aside); the function returned
// lists them so far.
func RequestsElsewhere(t testing.TB, ctx context.Context, own string) func() []string {
	t.Helper()
	var mu sync.Mutex
	var seen []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && !strings.HasPrefix(e.Request.URL, own) &&
			!strings.HasPrefix(e.Request.URL, "data:") {
			mu.Lock()
			seen = append(seen, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}
