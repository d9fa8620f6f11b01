package store_test

import (
	"context"
	"testing"

	"dateline/internal/store"
	"dateline/internal/store/pgtest"
	"dateline/internal/store/storetest"
)

func TestPostgresConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		s, err := store.Open(context.Background(), pgtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
