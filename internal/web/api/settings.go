package api

import (
	"net/http"

	"dateline/internal/settings"
)

type siteJSON struct {
	Name            string `json:"name"`
	ShortName       string `json:"short_name"`
	Tagline         string `json:"tagline"`
	BaseURL         string `json:"base_url"`
	TimeZone        string `json:"time_zone"`
	Language        string `json:"language"`
	CopyrightHolder string `json:"copyright_holder"`
	TrustedProxies  string `json:"trusted_proxies"`

	CommentsPremoderated bool   `json:"comments_premoderated"`
	CommentsCloseDays    int    `json:"comments_close_days"`
	BlockedWords         string `json:"blocked_words"`
	ReaderDataDays       int    `json:"reader_data_days"`
	EmbedHosts           string `json:"embed_hosts"` // one a line: "Name = host"
}

func (s *Server) settingsShow(w http.ResponseWriter, r *http.Request) error {
	v, err := s.store.Site(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, siteJSON(v))
}

func (s *Server) settingsUpdate(w http.ResponseWriter, r *http.Request) error {
	var in siteJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.desk.SaveSite(r.Context(), actor(r), settings.Site(in)); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, in)
}
