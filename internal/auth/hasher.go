package auth

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync/atomic"
	"time"
)

// ErrHasherBusy is returned when no password computation could start in time: the
// request may be tried again, so it is answered 503.
var ErrHasherBusy = errors.New("too many password checks at once")

// dummyHash is checked when there is no usable hash (no such account, a disabled
// one, or one whose invitation is still pending), so every sign-in that passes the
// throttle costs exactly one argon2id computation and accounts cannot be told apart
// by time. Its parameters are HashPassword's.
const dummyHash = "$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"

// Hasher runs argon2id (64 MiB each) at most Slots at a time on this node, so
// parallel sign-ins and password choices queue instead of exhausting memory; a
// waiter gives up after Wait with ErrHasherBusy.
type Hasher struct {
	slots chan struct{}
	wait  time.Duration
	calls atomic.Int64
}

// NewHasher allows slots computations at once, waiting at most wait for one.
func NewHasher(slots int, wait time.Duration) *Hasher {
	return &Hasher{slots: make(chan struct{}, slots), wait: wait}
}

// Calls reports how many hashes were computed, for tests and metrics.
func (h *Hasher) Calls() int64 { return h.calls.Load() }

func (h *Hasher) run(ctx context.Context, fn func()) error {
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
	case <-t.C:
		return fmt.Errorf("%w: waited %s", ErrHasherBusy, h.wait)
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-h.slots }()
	h.calls.Add(1)
	fn()
	// Each computation leaves 64 MiB of garbage; collected at the garbage
	// collector's own pace, a burst of sign-ins would pile it up to several times
	// the bound. Collecting here, before the slot is freed, and handing the freed
	// pages back to the system keeps the resident size near slots × 64 MiB above
	// the rest of the node (a plain collection kept pages the runtime had reached
	// for: 270–300 MB under a flood, against 210 MB). It costs time: under a flood
	// more attempts wait past the bound and get 503, which is the flood's answer.
	debug.FreeOSMemory()
	return nil
}

// Hash hashes a new password (ErrWeakPassword is decided before any work).
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := CheckStrength(password); err != nil {
		return "", err
	}
	var out string
	var err error
	if werr := h.run(ctx, func() { out, err = HashPassword(password) }); werr != nil {
		return "", werr
	}
	return out, err
}

// Check reports whether password matches encoded; an empty encoded hash is checked
// against a dummy, at the same cost, and never matches.
func (h *Hasher) Check(ctx context.Context, encoded, password string) (bool, error) {
	ok := false
	err := h.run(ctx, func() {
		if encoded == "" {
			CheckPassword(dummyHash, password)
			return
		}
		ok = CheckPassword(encoded, password)
	})
	return ok, err
}
