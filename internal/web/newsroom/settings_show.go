package newsroom

import (
	"net/http"

	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
)

type settingsPage struct {
	page
	Sections []section.Section
	Bureaus  []people.Bureau
	Topics   []section.Topic
	// AddressWarning says when the site's address names another host or port than
	// this server answers at, with no proxy to explain it.
	AddressWarning string
}

func (s *Server) settingsShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := settingsPage{page: s.base(r, "Settings")}
	var err error
	if p.Sections, err = s.store.Sections(ctx); err != nil {
		return err
	}
	if p.Bureaus, err = s.store.Bureaus(ctx); err != nil {
		return err
	}
	if p.Topics, err = s.store.Topics(ctx); err != nil {
		return err
	}
	if s.served != nil {
		p.AddressWarning = settings.AddressWarning(p.Site.BaseURL, s.served(), p.Site.TrustedProxies)
	}
	return s.render(w, http.StatusOK, "settings", p)
}
