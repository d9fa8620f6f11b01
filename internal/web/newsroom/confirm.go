package newsroom

import (
	"net/http"
	"slices"
)

// confirmed is the second step of an action readers see at once or that cannot be
// undone (publishing wire copy as is, unpublishing, deleting, erasing a reader):
// a POST without confirm=1 gets a page that says what will happen and posts the
// same form again, confirmed. It works without JavaScript. When it returns false,
// it has written that page.
func (s *Server) confirmed(w http.ResponseWriter, r *http.Request, c confirmPage) (bool, error) {
	if r.PostFormValue("confirm") == "1" {
		return true, nil
	}
	names := make([]string, 0, len(r.PostForm))
	for name := range r.PostForm {
		if name != "csrf" && name != "confirm" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range r.PostForm[name] {
			c.Fields = append(c.Fields, hiddenField{name, v})
		}
	}
	c.Fields = append(c.Fields, hiddenField{"confirm", "1"})
	c.page = s.base(r, c.Heading)
	c.Action, c.Danger = r.URL.Path, true
	return false, s.render(w, http.StatusOK, "confirm", c)
}
