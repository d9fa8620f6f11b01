package newsroom

import (
	"net/http"
	"strconv"

	"dateline/internal/audit"
)

type auditPage struct {
	page
	Entries []auditRow
	Next    string
}

type auditRow struct {
	audit.Entry
	Who string
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) error {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	offset = max(offset, 0)
	list, total, err := s.store.AuditLog(r.Context(), 100, offset)
	if err != nil {
		return err
	}
	p := auditPage{page: s.base(r, "Audit log")}
	names := map[int64]string{0: "system"}
	for _, e := range list {
		if _, ok := names[e.PersonID]; !ok {
			person, _ := s.store.PersonByID(r.Context(), e.PersonID)
			names[e.PersonID] = person.Name
		}
		p.Entries = append(p.Entries, auditRow{Entry: e, Who: names[e.PersonID]})
	}
	if offset+len(list) < total {
		p.Next = "/newsroom/audit?offset=" + strconv.Itoa(offset+len(list))
	}
	return s.render(w, http.StatusOK, "audit", p)
}
