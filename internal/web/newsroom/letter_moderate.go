package newsroom

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/web"
)

// letterModerate moves the ticked messages (or one message, from its row's
// buttons) to a state, featured ones taking the rank given; with "from", only those
// still in that state move, and the report says how many another editor had moved
// meanwhile. Deleting for good asks first, on a page of its own.
func (s *Server) letterModerate(w http.ResponseWriter, r *http.Request) error {
	remove := r.PostFormValue("delete") == "yes"
	to := letters.State(r.PostFormValue("to"))
	if !remove && !to.Valid() {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "Choose what to do with the ticked messages."}
	}
	if len(r.PostForm["id"]) == 0 {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "Tick at least one message."}
	}
	var ids []int64
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return &web.Error{Status: http.StatusUnprocessableEntity, Public: "A message number is not a number."}
		}
		ids = append(ids, id)
	}
	back := "/newsroom/letters"
	if ret := r.PostFormValue("return"); strings.HasPrefix(ret, "/newsroom/letters") {
		back = ret
	}
	if remove {
		return s.letterDelete(w, r, ids, back)
	}
	rank, _ := strconv.Atoi(r.PostFormValue("rank"))
	skipped, err := s.desk.Moderate(r.Context(), s.actor(r), ids, letters.State(r.PostFormValue("from")), to, rank)
	if err != nil {
		return notSaved(err)
	}
	report := movedReport(to, len(ids)-skipped)
	if skipped > 0 {
		report += fmt.Sprintf(" %d had been moved by someone else meanwhile and %s left alone.", skipped, plural(skipped, "was", "were"))
	}
	return done(w, r, back, report)
}

// letterDelete deletes messages for good once the admin has confirmed it on the
// page it shows first.
func (s *Server) letterDelete(w http.ResponseWriter, r *http.Request, ids []int64, back string) error {
	if !current(r).person.Can(people.ActDelete) {
		return desk.ErrForbidden
	}
	msgs := fmt.Sprintf("%d %s", len(ids), plural(len(ids), "message", "messages"))
	if ok, err := s.confirmed(w, r, confirmPage{Heading: "Delete " + msgs + " for good?",
		Explain: "They cannot be brought back, and published ones leave the story pages.",
		Button:  "Delete " + msgs + " for good", Back: back}); !ok {
		return err
	}
	if err := s.desk.DeleteMessages(r.Context(), s.actor(r), ids); err != nil {
		return notSaved(err)
	}
	return done(w, r, back, "Deleted "+msgs+" for good.")
}

// movedReport says what a move did, as the desk's status line.
func movedReport(to letters.State, n int) string {
	msgs := strconv.Itoa(n) + " " + plural(n, "message", "messages")
	switch to {
	case letters.StatePublished:
		return "Published " + msgs + "."
	case letters.StateFeatured:
		return "Featured " + msgs + " as editors' picks."
	case letters.StateRejected:
		return "Rejected " + msgs + "."
	case letters.StateSpam:
		return "Marked " + msgs + " as spam."
	case letters.StatePending:
		return "Moved " + msgs + " back to pending."
	}
	return "Archived " + msgs + "."
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
