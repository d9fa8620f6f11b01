package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"dateline/internal/section"
	"dateline/internal/store"
)

// A server on a SQLite file hears of commits another process makes (here, a second
// store on the same file, as `dateline ingest` would open it).
func TestSQLiteNoticesOtherProcesses(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	path := filepath.Join(t.TempDir(), "site.db")
	server, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	other, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	heard := make(chan []string, 16)
	server.OnChange(func(tags []string) { heard <- tags })
	go server.ListenForChanges(ctx)

	// The watcher's first reading is a second in; writes keep coming until one is heard.
	if err := other.CreateSection(ctx, &section.Section{Slug: "world", Name: "World"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(15 * time.Second)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for n := 0; ; n++ {
		select {
		case <-tick.C:
			if err := other.CreateTopic(ctx, &section.Topic{Slug: fmt.Sprintf("t%d", n), Name: fmt.Sprintf("T%d", n)}); err != nil {
				t.Fatal(err)
			}
		case tags := <-heard:
			if slices.Contains(tags, store.TagSite) {
				return
			}
		case <-deadline:
			t.Fatal("a commit by another process was not noticed within 15 s")
		}
	}
}
