package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/letters"
	"dateline/internal/web"
)

// letterModerate moves the checked messages to a state (featured ones take the rank
// given), or, for an admin who confirms, deletes them for good.
func (s *Server) letterModerate(w http.ResponseWriter, r *http.Request) error {
	remove := r.PostFormValue("delete") == "yes"
	to := letters.State(r.PostFormValue("to"))
	if !remove && !to.Valid() {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "Choose what to do with the messages."}
	}
	if remove && r.PostFormValue("confirm_delete") != "on" {
		return refuse("tick “I mean it” to delete messages for good")
	}
	rank, _ := strconv.Atoi(r.PostFormValue("rank"))
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
	var err error
	if remove {
		err = s.desk.DeleteMessages(r.Context(), s.actor(r), ids)
	} else {
		err = s.desk.Moderate(r.Context(), s.actor(r), ids, to, rank)
	}
	if err != nil {
		return notSaved(err)
	}
	back := "/newsroom/letters"
	if ret := r.PostFormValue("return"); strings.HasPrefix(ret, "/newsroom/letters") {
		back = ret
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}
