package web

import (
	"context"
	"sync"
)

// Tasks tracks work a request starts but does not wait for (a notice to the letters
// desk), so a server shutting down lets it finish instead of cutting it off.
type Tasks struct{ wg sync.WaitGroup }

// Go runs fn in the background, tracked.
func (t *Tasks) Go(fn func()) { t.wg.Go(fn) }

// Wait returns when every task has finished, or when ctx ends (then with its error).
func (t *Tasks) Wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() { t.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
