package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dateline/internal/app"
	"dateline/internal/demo"
	"dateline/internal/media/fsblob"
	"dateline/internal/people"
	"dateline/internal/secret"
	"dateline/internal/sitetest"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
	"dateline/internal/story"
)

// TestSeveralNodes runs three servers on one PostgreSQL database, as behind a load
// balancer: a change made through one is what the others serve on the next request,
// sessions and rate limits hold across them, and their three schedulers publish
// each embargoed story exactly once.
func TestSeveralNodes(t *testing.T) {
	dsn := pgtest.URL(t)
	ctx := context.Background()
	media := t.TempDir() // shared media storage, as a network volume would be
	clk := sitetest.NewClock(time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC))
	var nodes []*sitetest.Site
	var published atomic.Int64
	keys := secret.Random() // the one secret key every node is given
	for i := range 3 {
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		st.SetClock(clk.Now)
		blobs, err := fsblob.Open(media)
		if err != nil {
			t.Fatal(err)
		}
		n := &sitetest.Site{T: t, Store: st, Clock: clk, People: map[people.Role]people.Person{}}
		if i == 0 {
			if n.Demo, err = demo.Load(ctx, st, blobs, clk.Now()); err != nil {
				t.Fatal(err)
			}
			n.AddStaff()
		} else {
			n.Demo, n.People = nodes[0].Demo, nodes[0].People
		}
		handler, work, err := app.Assemble(
			st,
			blobs,
			filepath.Join(t.TempDir(), "theme"),
			slog.New(slog.NewTextHandler(io.Discard, nil)),
			clk.Now,
			app.Options{MinFillTime: -1, Keys: keys},
		)
		if err != nil {
			t.Fatal(err)
		}
		sched := work.Scheduler
		sched.Interval = 20 * time.Millisecond
		listenCtx, stopListening := context.WithCancel(ctx)
		t.Cleanup(stopListening)
		go st.ListenForChanges(listenCtx)
		sched.OnPublish = func(story.Story) { published.Add(1) }
		n.Scheduler = sched
		relayCtx, stopRelay := context.WithCancel(ctx)
		t.Cleanup(stopRelay)
		go work.Relay.Run(relayCtx)
		n.HTTP = httptest.NewServer(handler)
		t.Cleanup(n.HTTP.Close)
		nodes = append(nodes, n)
	}
	a, b, c := nodes[0], nodes[1], nodes[2]

	// A story published through node A is on B and C at their next request.
	token := a.Token(people.RoleEditor)
	status, body := a.API(token, "POST", "/api/admin/v1/stories", `{"headline":"Node story","section":"business","body_markdown":"Text."}`)
	if status != http.StatusCreated {
		t.Fatalf("create on A: %d %s", status, body)
	}
	st, err := a.Store.StoryBySlug(ctx, "node-story")
	if err != nil {
		t.Fatal(err)
	}
	status, body = a.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(st.ID)+"/transition", `{"to":"published"}`)
	if status != http.StatusOK {
		t.Fatalf("publish on A: %d %s", status, body)
	}
	path := "/business/2026/11/20/node-story/"
	for _, n := range []*sitetest.Site{b, c} {
		within2s(t, "node "+n.HTTP.URL+" serves the story published on A", func() bool {
			status, _, _ := n.Anonymous().Get(path)
			_, _, home := n.Anonymous().Get("/")
			return status == http.StatusOK && strings.Contains(home, "Node story")
		})
	}
	// Unpublished through B: gone on A and C at once.
	if status, _ := b.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(st.ID)+"/transition",
		`{"to":"unpublished"}`); status != http.StatusOK {
		t.Fatalf("unpublish on B: %d", status)
	}
	for _, n := range []*sitetest.Site{a, c} {
		within2s(t, "node "+n.HTTP.URL+" withdraws the story unpublished on B", func() bool {
			status, _, _ := n.Anonymous().Get(path)
			_, _, home := n.Anonymous().Get("/")
			return status == http.StatusGone && !strings.Contains(home, "Node story")
		})
	}
	// A reader comment published through C shows on A.
	ferries := a.Demo.Stories["ferries"]
	reader := a.Anonymous()
	if status, _, _ := reader.PostLetter(url.Values{"story": {sitetest.Itoa(ferries.ID)}, "kind": {"comment"}, "name": {"Node Reader"},
		"text": {"Seen on every node."}, "consent": {"yes"}}); status != http.StatusOK {
		t.Fatalf("comment on A: %d", status)
	}
	msgs, _, err := c.Store.Messages(ctx, sitetest.LettersPending(ferries.ID))
	if err != nil || len(msgs) == 0 {
		t.Fatalf("pending messages: %v", err)
	}
	status, _ = c.API(token, "POST", "/api/admin/v1/messages/"+sitetest.Itoa(msgs[0].ID)+"/moderate", `{"to":"published"}`)
	if status != http.StatusOK {
		t.Fatalf("moderate on C: %d", status)
	}
	within2s(t, "the comment published on C shows on A", func() bool {
		_, _, page := a.Anonymous().Get(a.PublicPath(ferries))
		return strings.Contains(page, "Seen on every node.")
	})

	// A session started on A works on B; signing out on B ends it on C.
	editor := a.Anonymous()
	status, _, _ = editor.Post("/newsroom/login", url.Values{"email": {"editor@test.example"}, "password": {sitetest.Password}})
	if status != http.StatusSeeOther {
		t.Fatalf("sign in on A: %d", status)
	}
	moved := onNode(editor, b)
	status, _, page := moved.Get("/newsroom/")
	if status != http.StatusOK {
		t.Fatalf("A's session on B: %d", status)
	}
	moved.CSRF = sitetest.CSRFField.FindStringSubmatch(page)[1]
	if status, _, _ := moved.Post("/newsroom/logout", url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("sign out on B: %d", status)
	}
	if status, _, _ := onNode(editor, c).Get("/newsroom/"); status != http.StatusSeeOther {
		t.Fatalf("after signing out on B, C still accepts the session: %d", status)
	}

	// The letters rate limit is shared: five messages spread over the nodes, then 429 anywhere.
	for i := range 4 { // one was sent above
		n := nodes[i%3]
		if status, _, _ := n.Anonymous().PostLetter(url.Values{"story": {sitetest.Itoa(ferries.ID)}, "kind": {"comment"}, "name": {"R"},
			"text": {"Message " + sitetest.Itoa(int64(i))}, "consent": {"yes"}}); status != http.StatusOK {
			t.Fatalf("message %d on node %d: %d", i+2, i%3, status)
		}
	}
	if status, _, _ := c.Anonymous().PostLetter(url.Values{"story": {sitetest.Itoa(ferries.ID)}, "kind": {"comment"}, "name": {"R"},
		"text": {"One too many"}, "consent": {"yes"}}); status != http.StatusTooManyRequests {
		t.Fatalf("sixth message from one address over three nodes: %d, want 429", status)
	}

	// Three schedulers, five stories due at the same moment: each published once.
	embargo := clk.Now().Add(time.Hour)
	var due []int64
	for i := range 5 {
		s := story.Story{Slug: "due-" + sitetest.Itoa(int64(i)), Headline: "Due " + sitetest.Itoa(int64(i)),
			SectionID: a.Demo.Sections["world"].ID,
			State:     story.StateScheduled, ScheduledAt: embargo}
		if err := a.Store.CreateStory(ctx, &s); err != nil {
			t.Fatal(err)
		}
		due = append(due, s.ID)
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	for _, n := range nodes {
		go n.Scheduler.Run(runCtx)
	}
	clk.Set(embargo.Add(time.Second))
	deadline := time.Now().Add(15 * time.Second)
	for published.Load() < 5 && time.Now().Before(deadline) {
		<-time.After(20 * time.Millisecond)
	}
	<-time.After(200 * time.Millisecond) // let every scheduler tick again after the last publication
	stop()
	if got := published.Load(); got != 5 {
		t.Fatalf("schedulers published %d times for 5 due stories, want exactly 5", got)
	}
	for _, id := range due {
		revs, err := a.Store.Revisions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := a.Store.StoryByID(ctx, id)
		if s.State != story.StatePublished || len(revs) != 1 || s.Version != 2 {
			t.Fatalf("story %d: %s, version %d, %d revisions; want published once", id, s.State, s.Version, len(revs))
		}
	}
}

// onNode is a browser with the same cookies pointed at another node.
func onNode(b *sitetest.Browser, n *sitetest.Site) *sitetest.Browser {
	from, _ := url.Parse(b.Site.HTTP.URL)
	to, _ := url.Parse(n.HTTP.URL)
	moved := n.Anonymous()
	moved.Client.Jar.SetCookies(to, b.Client.Jar.Cookies(from))
	return moved
}

// within2s waits for a condition that must hold within 2 s on every node. It polls
// for up to 15 s so a busy machine cannot make it flaky, and fails if it took longer
// than the 2 s the product promises.
func within2s(t *testing.T, what string, ok func() bool) {
	t.Helper()
	start := time.Now()
	for !ok() {
		if time.Since(start) > 15*time.Second {
			t.Fatalf("%s: not within 15 s", what)
		}
		<-time.After(20 * time.Millisecond)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("%s: took %s, more than 2 s", what, took)
	}
}
