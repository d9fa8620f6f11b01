package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Relay delivers the outbox's events on this node. Start it once per node; every
// node's relay competes for the same events, and the lease makes each delivery one
// node's at a time.
type Relay struct {
	Store    Store
	Handlers map[string]Handler // by event kind
	Owner    string             // this node, as the lease holder
	Now      func() time.Time
	Log      *slog.Logger
	// Lease is how long a claim holds before another node may take the event;
	// default 30 s. A handler should finish well inside it.
	Lease time.Duration
	// Poll is how often a relay looks for due events without being woken (retries
	// coming due, another node's events when notifications are lost); default 5 s.
	Poll time.Duration
	// MaxDelay caps the wait between retries; default 1 hour.
	MaxDelay time.Duration

	once sync.Once
	wake map[string]chan struct{}
}

// batch is how many events one claim takes.
const batch = 20

func (r *Relay) init() {
	r.once.Do(func() {
		r.wake = map[string]chan struct{}{}
		for kind := range r.Handlers {
			r.wake[kind] = make(chan struct{}, 1)
		}
		if r.Lease == 0 {
			r.Lease = 30 * time.Second
		}
		if r.Poll == 0 {
			r.Poll = 5 * time.Second
		}
		if r.MaxDelay == 0 {
			r.MaxDelay = time.Hour
		}
	})
}

// Poke wakes every kind's loop: an event was committed here or on another node.
func (r *Relay) Poke() {
	r.init()
	for _, c := range r.wake {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

// Run delivers events until ctx ends, one loop per kind. Events claimed but not yet
// handled when ctx ends are released for the next claim (here or on another node).
func (r *Relay) Run(ctx context.Context) {
	r.init()
	var wg sync.WaitGroup
	for kind, h := range r.Handlers {
		wg.Go(func() { r.loop(ctx, kind, h) })
	}
	wg.Wait()
}

// DeliverDue delivers, once, every event due now, kind by kind; a failure waits for
// its retry. A new site runs it before serving so the demo's related stories are in
// place for the first reader.
func (r *Relay) DeliverDue(ctx context.Context) {
	r.init()
	for kind, h := range r.Handlers {
		for r.drain(ctx, kind, h) {
		}
	}
}

func (r *Relay) loop(ctx context.Context, kind string, h Handler) {
	t := time.NewTicker(r.Poll)
	defer t.Stop()
	for {
		for r.drain(ctx, kind, h) {
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake[kind]:
		case <-t.C:
		}
	}
}

// drain claims one batch and delivers it; it reports whether a full batch was taken
// (there may be more).
func (r *Relay) drain(ctx context.Context, kind string, h Handler) bool {
	if ctx.Err() != nil {
		return false
	}
	events, err := r.Store.ClaimEvents(ctx, kind, r.Owner, r.Now(), r.Lease, batch)
	if err != nil {
		if ctx.Err() == nil {
			r.Log.Warn("outbox: cannot claim events", "kind", kind, "err", err)
		}
		return false
	}
	var delivered []int64
	for i, e := range events {
		if ctx.Err() != nil {
			r.release(events[i:])
			break
		}
		if r.deliver(ctx, h, e) {
			delivered = append(delivered, e.ID)
		}
	}
	// One statement marks the batch done; a node that dies before it leaves those
	// events to be delivered again once their lease runs out (at least once).
	if err := r.Store.FinishEvents(context.WithoutCancel(ctx), r.Owner, delivered); err != nil {
		r.Log.Warn("outbox: delivered but not marked done; they will be delivered again", "kind", kind, "events", len(delivered), "err", err)
	}
	return len(events) == batch && ctx.Err() == nil
}

// deliver hands one event to its handler and reports whether it was delivered; a
// failure is scheduled for a retry.
func (r *Relay) deliver(ctx context.Context, h Handler, e Event) bool {
	hctx, cancel := context.WithTimeout(ctx, r.Lease)
	err := safely(hctx, h, e)
	cancel()
	if err == nil {
		return true
	}
	done := context.WithoutCancel(ctx)
	delay := r.delay(e.Attempts)
	r.Log.Warn("outbox: delivery failed; will retry", "kind", e.Kind, "event", e.ID, "attempt", e.Attempts, "retry_in", delay, "err", err)
	if err := r.Store.RetryEvent(done, e.ID, r.Owner, r.Now().Add(delay), err.Error()); err != nil {
		r.Log.Warn("outbox: cannot schedule retry; the lease will expire instead", "kind", e.Kind, "event", e.ID, "err", err)
	}
	return false
}

// release hands claimed, unhandled events back at shutdown.
func (r *Relay) release(events []Event) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, e := range events {
		if err := r.Store.RetryEvent(ctx, e.ID, r.Owner, r.Now(), "released at shutdown"); err != nil {
			return // the lease will expire
		}
	}
}

// delay grows from 1 s, doubling per attempt, up to MaxDelay.
func (r *Relay) delay(attempts int) time.Duration {
	d := time.Second
	for range min(attempts-1, 30) {
		d *= 2
		if d >= r.MaxDelay {
			return r.MaxDelay
		}
	}
	return d
}

// safely runs a handler, turning a panic into an error so one bad event cannot stop
// its kind's loop.
func safely(ctx context.Context, h Handler, e Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	return h(ctx, e)
}
