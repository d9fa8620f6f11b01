package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/sitetest"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
)

// dateline ingest reports every file, queues what it can and exits 1 if any failed.
func TestIngestCommand(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			data := t.TempDir()
			db := filepath.Join(data, "dateline.db")
			if engine == "postgres" {
				db = pgtest.URL(t)
			}
			code, out, errOut := run(t, nil, "ingest", "--data", data, "--db", db,
				"../wire/testdata/ninjs", "../wire/testdata/newsml-g2", "../wire/testdata/feeds", "../ingest/testdata/storm-v1.json")
			if code != 1 || !strings.Contains(errOut, "files could not be ingested in full") {
				t.Fatalf("batch with refused files: exit %d, %s", code, errOut)
			}
			for _, want := range []string{
				"../ingest/testdata/storm-v1.json: added text Harbour Wire urn:newsml:harbourwire.example:20261129:storm-ports v1",
				"ninjs/3.0/ap_video.json: failed: refused: ", "LISTING_17_Planning_Item_a_CCL.xml: failed: refused: ",
				"ninjs/2.1/ap_image.json: added picture", "feeds/harbour-wire.rss: added text",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("report lacks %q", want)
				}
			}
			if !regexp.MustCompile(`\d+ items added, 0 updated, \d+ already queued, 0 older versions ignored; \d+ items or files failed in \d+ files`).
				MatchString(out) {
				t.Errorf("no summary line:\n%s", out[max(0, len(out)-300):])
			}

			code, out, _ = run(t, nil, "ingest", "--data", data, "--db", db, "../ingest/testdata/storm-v1.json")
			if code != 0 || !strings.Contains(out, ": unchanged text Harbour Wire") {
				t.Fatalf("the same file again: exit %d, %s", code, out)
			}
			quiet := filepath.Join(t.TempDir(), "quiet.rss")
			if err := os.WriteFile(quiet, []byte(`<rss version="2.0"><channel><title>Quiet</title></channel></rss>`), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, out, _ = run(t, nil, "ingest", "--data", data, "--db", db, quiet); code != 0 || !strings.Contains(out, "quiet.rss: no items") {
				t.Fatalf("a feed with no entries: exit %d, %s", code, out)
			}
			code, out, _ = run(
				t,
				map[string]string{"DATELINE_WIRE_MAX_BYTES": "1024"},
				"ingest",
				"--data",
				data,
				"--db",
				db,
				"../wire/testdata/ninjs/2.1/dpa_text.json",
			)
			if code != 1 || !strings.Contains(out, "over the 1024-byte limit (set by DATELINE_WIRE_MAX_BYTES") {
				t.Fatalf("file over the limit setting: exit %d, %s", code, out)
			}
			code, out, _ = run(t, nil, "ingest", "--data", data, "--db", db, "--max-bytes", "200", "../ingest/testdata/storm-v2.json")
			if code != 1 || !strings.Contains(out, "over the 200-byte limit") {
				t.Fatalf("file over --max-bytes: exit %d, %s", code, out)
			}
			if code, _, errOut := run(t, nil, "ingest", "--data", data, "--db", db); code != 2 ||
				!strings.Contains(errOut, "usage: dateline ingest") {
				t.Fatalf("no paths: exit %d, %s", code, errOut)
			}
			if code, _, errOut := run(t, nil, "ingest", "--data", data, "--db", db, "no/such/file.json"); code != 1 ||
				!strings.Contains(errOut, "no/such/file.json") {
				t.Fatalf("missing path: exit %d, %s", code, errOut)
			}
			if code, _, errOut := run(t, map[string]string{"DATELINE_WIRE_FEEDS": "file:///etc/passwd"}, "ingest", "--data", data, "--db",
				db, "x"); code != 1 ||
				!strings.Contains(errOut, "not an http or https address") {
				t.Fatalf("bad feed setting: exit %d, %s", code, errOut)
			}
		})
	}
}

// The server ingests what is dropped in its wire folder.
func TestServeIngestsDropFolder(t *testing.T) {
	data := filepath.Join(t.TempDir(), "site")
	drop := filepath.Join(t.TempDir(), "inbox")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut sitetest.LockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errOut,
			func(k string) string { return map[string]string{"DATELINE_DATA": data, "DATELINE_WIRE_DROP": drop}[k] })
	}()
	waitFor(t, &out, regexp.MustCompile(`(Wire drop folder: .+)`), done, &errOut)
	storm, _ := os.ReadFile("../ingest/testdata/storm-v1.json")
	if err := os.WriteFile(filepath.Join(drop, "storm.json"), storm, 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if filed, _ := filepath.Glob(filepath.Join(drop, "done", "*storm.json")); len(filed) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the dropped file was not ingested within 20 s: %s", errOut.String())
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, errOut.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
	s, err := store.Open(context.Background(), filepath.Join(data, "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e, err := s.WireEntryByKey(context.Background(), "Harbour Wire", "urn:newsml:harbourwire.example:20261129:storm-ports")
	if err != nil || e.Item.Headline != "Storm closes two ports on the north coast" {
		t.Fatalf("the dropped item is not queued: %v", err)
	}
	cancel()
	<-done
}
