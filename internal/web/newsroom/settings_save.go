package newsroom

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/settings"
)

func (s *Server) settingsSave(w http.ResponseWriter, r *http.Request) error {
	f := r.PostFormValue
	site := settings.Site{
		Name:                 strings.TrimSpace(f("name")),
		ShortName:            strings.TrimSpace(f("short_name")),
		Tagline:              strings.TrimSpace(f("tagline")),
		BaseURL:              strings.TrimRight(strings.TrimSpace(f("base_url")), "/"),
		TimeZone:             strings.TrimSpace(f("time_zone")),
		Language:             strings.TrimSpace(f("language")),
		CopyrightHolder:      strings.TrimSpace(f("copyright_holder")),
		TrustedProxies:       strings.TrimSpace(f("trusted_proxies")),
		CommentsPremoderated: f("comments_premoderated") == "on",
		BlockedWords:         strings.TrimSpace(f("blocked_words")),
		EmbedHosts:           strings.TrimSpace(strings.ReplaceAll(f("embed_hosts"), "\r\n", "\n")),
	}
	var err1, err2 error
	site.CommentsCloseDays, err1 = strconv.Atoi(cmp.Or(strings.TrimSpace(f("comments_close_days")), "0"))
	site.ReaderDataDays, err2 = strconv.Atoi(cmp.Or(strings.TrimSpace(f("reader_data_days")), "90"))
	if err1 != nil || err2 != nil {
		return refuse("the numbers of days must be whole numbers")
	}
	if err := s.desk.SaveSite(r.Context(), s.actor(r), site); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/settings", "Settings saved")
}
