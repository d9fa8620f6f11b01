package newsroom

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/ingest"
	"dateline/internal/wire"
)

type wirePage struct {
	page
	Now      time.Time // embargoes are shown until they lift
	Entries  []wire.Entry
	Flags    []wire.Flag
	Feeds    []ingest.Status
	Agencies []wire.Agency
	Filter   wire.Filter
	Hours    int
	Prev     string
	Next     string
}

// wireQueue lists the wire queue, newest first, with the stories the agencies have
// since changed or withdrawn at the top.
func (s *Server) wireQueue(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f := wire.Filter{Agency: q.Get("agency"), Kind: wire.Kind(q.Get("kind")), Query: strings.TrimSpace(q.Get("q")), Limit: 50}
	f.MaxUrgency, _ = strconv.Atoi(q.Get("urgency"))
	hours, _ := strconv.Atoi(q.Get("hours"))
	if hours > 0 {
		f.Since = s.now().Add(-time.Duration(hours) * time.Hour)
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	f.Offset = max(offset, 0)
	p := wirePage{page: s.base(r, "Wire"), Filter: f, Hours: hours, Now: s.now()}
	var err error
	if p.Entries, err = s.store.WireEntries(ctx, f); err != nil {
		return err
	}
	if p.Flags, err = s.store.WireFlags(ctx); err != nil {
		return err
	}
	if p.Agencies, err = s.store.WireAgencies(ctx); err != nil {
		return err
	}
	if s.feeds != nil {
		p.Feeds = s.feeds()
	}
	link := func(off int) string {
		v := r.URL.Query()
		v.Set("offset", strconv.Itoa(off))
		return "/newsroom/wire?" + v.Encode()
	}
	if len(p.Entries) == f.Limit {
		p.Next = link(f.Offset + f.Limit)
	}
	if f.Offset > 0 {
		p.Prev = link(max(0, f.Offset-f.Limit))
	}
	return s.render(w, http.StatusOK, "wire", p)
}
