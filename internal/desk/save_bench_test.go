package desk_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/desk"
	"dateline/internal/media/fsblob"
	"dateline/internal/people"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
)

// BenchmarkStorySave is one editor's save of a published story through the desk:
// the read, the checks, the versioned write with its revision, search index and
// audit line, and whatever the save does before answering.
func BenchmarkStorySave(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			dir := b.TempDir()
			dsn := filepath.Join(dir, "site.db")
			if engine == "postgres" {
				dsn = pgtest.URL(b)
			}
			st, err := store.Open(ctx, dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			blobs, err := fsblob.Open(filepath.Join(dir, "media"))
			if err != nil {
				b.Fatal(err)
			}
			defer blobs.Close()
			n, err := demo.Load(ctx, st, blobs, time.Now())
			if err != nil {
				b.Fatal(err)
			}
			d := &desk.Desk{Store: st, Blobs: blobs, Now: time.Now}
			editor := desk.Actor{Person: n.People["daniel-brooks"], IP: "192.0.2.1"}
			if editor.Person.Role != people.RoleEditor {
				b.Fatalf("demo editor has role %s", editor.Person.Role)
			}
			id := n.Stories["ferries"].ID
			version := n.Stories["ferries"].Version
			i := 0
			for b.Loop() {
				i++
				headline := "Night ferries are back, take " + strconv.Itoa(i)
				saved, err := d.Update(ctx, editor, id, version, desk.StoryInput{Headline: &headline})
				if err != nil {
					b.Fatal(err)
				}
				version = saved.Version
			}
		})
	}
}
