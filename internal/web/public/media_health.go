package public

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
)

// mediaHealth remembers the media files this node could not read. A node whose
// media directory is empty or wrong would otherwise serve pages whose every photo is
// a 404 without a word: each missing file is logged once, counted for /metrics, and
// /readyz fails (CheckMedia) so the node is taken out of rotation.
type mediaHealth struct {
	log    *slog.Logger
	mu     sync.Mutex
	logged map[string]bool
	count  atomic.Int64
}

func (m *mediaHealth) missing(name string) {
	m.count.Add(1)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.logged == nil {
		m.logged = map[string]bool{}
	}
	if !m.logged[name] {
		m.logged[name] = true
		m.log.Error("media file of a published story is missing on this node", "file", name)
	}
}

// mediaChecked is how many of the newest published stories' photos CheckMedia reads.
const mediaChecked = 5

// CheckMedia reports whether this node can read the photos of its newest published
// stories, for /readyz.
func (s *Server) CheckMedia(ctx context.Context) error {
	list, err := s.store.RecentPublicMedia(ctx, mediaChecked)
	if err != nil {
		return err
	}
	for _, m := range list {
		f, err := s.blobs.Open(m.FileName)
		if err != nil {
			s.media.missing(m.FileName)
			return fmt.Errorf("media store unreadable: %s: %w (is the media directory the shared one?)", m.FileName, err)
		}
		f.Close()
	}
	return nil
}

// MediaMissing counts failed reads of published media, for /metrics.
func (s *Server) MediaMissing() int64 { return s.media.count.Load() }
