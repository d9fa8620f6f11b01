package newsroom

import (
	"errors"
	"net/http"

	"dateline/internal/story"
	"dateline/internal/wire"
)

// wireNotice is what the story editor shows about a story made from wire copy.
type wireNotice struct {
	Entry     wire.Entry
	Withdrawn bool
	AsIs      bool
	Update    bool // a newer version than the story's
	Used      int
	Headline  []diffLine
	Diff      []diffLine
}

// wireNoticeFor compares a story with its wire item; nil when it has none.
func (s *Server) wireNoticeFor(r *http.Request, st story.Story) (*wireNotice, error) {
	if st.Source.ItemID == "" {
		return nil, nil
	}
	ctx := r.Context()
	e, err := s.store.WireEntryByKey(ctx, st.Source.Agency, st.Source.ItemID)
	if errors.Is(err, wire.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	n := &wireNotice{Entry: e, Withdrawn: e.Withdrawn(), Update: e.Item.Version > st.Source.Version, Used: st.Source.Version}
	use, err := s.store.WireUseOfStory(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	n.AsIs = use.AsIs
	if n.Update {
		old, err := s.store.WireVersion(ctx, e.ID, st.Source.Version)
		if err != nil && !errors.Is(err, wire.ErrNotFound) {
			return nil, err
		}
		n.Headline = lineDiff(old.Headline, e.Item.Headline)
		n.Diff = lineDiff(old.Markdown(), e.Item.Markdown())
	}
	return n, nil
}
