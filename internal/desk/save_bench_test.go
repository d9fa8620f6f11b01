package desk_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/desk"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// BenchmarkStorySave is one editor's save of a published story through the desk:
// the read, the checks, the versioned write with its revision, search index and
// audit line, and whatever the save does before answering.
func BenchmarkStorySave(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			st, blobs := sitetest.OpenStore(b, engine)
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
