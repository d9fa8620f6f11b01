// Package browsertest starts headless Chromium for tests, the way this project's
// machines allow: Debian's /usr/bin/chromium, a fresh profile, no background
// networking. Without a browser the test skips, unless DATELINE_REQUIRE_BROWSER=1
// (set in CI), where a missing tool fails the test.
package browsertest

import (
	"context"
	"os"
	"testing"
	"time"

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
