package ingest

import (
	"context"
	"testing"

	"dateline/internal/desk"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/store"
)

// staff makes a World section and an editor to act as.
func staff(t *testing.T, s *store.Store) desk.Actor {
	t.Helper()
	ctx := context.Background()
	if err := s.CreateSection(ctx, &section.Section{Slug: "world", Name: "World"}); err != nil {
		t.Fatal(err)
	}
	p := people.Person{Slug: "eda", Name: "Eda Stone", Email: "eda@example.com", Role: people.RoleEditor}
	if err := s.CreatePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return desk.Actor{Person: p, IP: "127.0.0.1"}
}
