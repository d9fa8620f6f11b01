package api

import "net/http"

type bureauJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	City     string `json:"city"`
	TimeZone string `json:"time_zone"`
}

func (s *Server) bureauList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.store.Bureaus(r.Context())
	if err != nil {
		return err
	}
	out := []bureauJSON{}
	for _, b := range list {
		out = append(out, bureauJSON(b))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"bureaus": out})
}
