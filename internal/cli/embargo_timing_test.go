package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/app"
	"dateline/internal/demo"
	"dateline/internal/event"
	"dateline/internal/media/fsblob"
	"dateline/internal/secret"
	"dateline/internal/sitetest"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
	"dateline/internal/story"
)

// TestEmbargoTiming measures, on three nodes sharing PostgreSQL with the real clock,
// how soon 60 stories falling due at one moment are published (the scheduler's
// claim, from the audit log) and how soon each node serves every one of their pages.
// Run with DATELINE_LOAD_TEST=1; the figures go to BENCHMARKS.md.
func TestEmbargoTiming(t *testing.T) {
	if os.Getenv("DATELINE_LOAD_TEST") != "1" {
		t.Skip("timing run: set DATELINE_LOAD_TEST=1 to run it")
	}
	dsn := pgtest.URL(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	media := t.TempDir()
	keys := secret.Random()
	var nodes []*httptest.Server
	var stores []*store.Store
	var first *store.Store
	var sections map[string]int64
	for i := range 3 {
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		blobs, err := fsblob.Open(media)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			n, err := demo.Load(ctx, st, blobs, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			first, sections = st, map[string]int64{"business": n.Sections["business"].ID}
		}
		handler, work, err := app.Assemble(
			st,
			blobs,
			filepath.Join(t.TempDir(), "theme"),
			sitetest.DiscardLog(),
			time.Now,
			app.Options{MinFillTime: -1, Keys: keys},
		)
		if err != nil {
			t.Fatal(err)
		}
		go st.ListenForChanges(ctx)
		work.Run(ctx)
		hs := httptest.NewServer(handler)
		t.Cleanup(hs.Close)
		nodes, stores = append(nodes, hs), append(stores, st)
	}
	waitForListeners(t, first, stores[1:])
	embargo := time.Now().Add(3 * time.Second).Truncate(time.Millisecond)
	loc, _ := time.LoadLocation("America/New_York")
	var paths []string
	for i := range 60 {
		s := story.Story{Slug: fmt.Sprintf("embargo-%d", i), Headline: fmt.Sprintf("Embargoed %d", i), SectionID: sections["business"],
			BodyMarkdown: "Held until its time.", State: story.StateScheduled, ScheduledAt: embargo}
		if err := first.CreateStory(ctx, &s); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, "/business/"+embargo.In(loc).Format("2006/01/02")+"/"+s.Slug+"/")
	}
	// Each node: when does its Content API list all 60, and when does one story's
	// page answer 200? (Rendering all 180 pages cold would measure two busy cores.)
	visible := make([][2]time.Duration, len(nodes))
	var wg sync.WaitGroup
	for n, node := range nodes {
		wg.Go(func() {
			tick := time.NewTicker(5 * time.Millisecond)
			defer tick.Stop()
			for time.Since(embargo) < 20*time.Second && (visible[n][0] == 0 || visible[n][1] == 0) {
				if visible[n][0] == 0 {
					resp, err := http.Get(node.URL + "/api/v1/stories?section=business&limit=100")
					if err == nil {
						var list struct{ Stories []struct{ Headline string } }
						json.NewDecoder(resp.Body).Decode(&list)
						resp.Body.Close()
						count := 0
						for _, st := range list.Stories {
							if strings.HasPrefix(st.Headline, "Embargoed ") {
								count++
							}
						}
						if count == 60 {
							visible[n][0] = time.Since(embargo)
						}
					}
				}
				if visible[n][1] == 0 {
					if resp, err := http.Get(node.URL + paths[59]); err == nil {
						resp.Body.Close()
						if resp.StatusCode == http.StatusOK {
							visible[n][1] = time.Since(embargo)
						}
					}
				}
				<-tick.C
			}
			if visible[n][0] == 0 || visible[n][1] == 0 {
				t.Errorf("node %d: not every story visible 20 s after the embargo", n)
			}
		})
	}
	wg.Wait()
	var claims []time.Duration
	rows, err := first.DB().Query("SELECT at FROM audit_log WHERE action = ?", event.StoryMoved(string(story.StatePublished)))
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var at int64
		rows.Scan(&at)
		claims = append(claims, time.UnixMicro(at).Sub(embargo))
	}
	rows.Close()
	slices.Sort(claims)
	if len(claims) != 60 {
		t.Fatalf("%d publications recorded, want 60", len(claims))
	}
	t.Logf(
		"LOAD embargo: 60 stories due at once on 3 nodes: claimed %v–%v after their time; all 60 listed / the last one's page served on each node after %v",
		claims[0].Round(time.Millisecond),
		claims[len(claims)-1].Round(time.Millisecond),
		visible,
	)
}

// waitForListeners returns once a change made through from has reached every other
// node through its change listener (so none misses the embargo's notices).
func waitForListeners(t *testing.T, from *store.Store, others []*store.Store) {
	t.Helper()
	heard := make([]chan struct{}, len(others))
	for i, st := range others {
		heard[i] = make(chan struct{}, 1)
		st.OnChange(func([]string) {
			select {
			case heard[i] <- struct{}{}:
			default:
			}
		})
	}
	site, err := from.Site(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.After(15 * time.Second)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for i := range others {
		for waiting := true; waiting; {
			from.SaveSite(context.Background(), site) // a change every node must hear
			select {
			case <-heard[i]:
				waiting = false
			case <-tick.C:
			case <-deadline:
				t.Fatalf("node %d did not hear the first node's changes within 15 s", i+1)
			}
		}
	}
}
