package newsroom

import (
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/web"
)

// done redirects back to a page with a short confirmation.
func done(w http.ResponseWriter, r *http.Request, to, msg string) error {
	http.Redirect(w, r, withDone(to, msg), http.StatusSeeOther)
	return nil
}

// withDone adds a status line to a newsroom address, keeping its fragment.
func withDone(address, done string) string {
	path, fragment, _ := strings.Cut(address, "#")
	u, err := url.Parse(path)
	if err != nil {
		return address
	}
	q := u.Query()
	q.Set("done", done)
	u.RawQuery = q.Encode()
	if fragment != "" {
		return u.String() + "#" + fragment
	}
	return u.String()
}

// notSaved words the desk's refusal of a form as "Not saved: " and its reasons;
// anything else (an outage, a bug) passes through, to be answered 500 or 503 and
// logged, never shown.
func notSaved(err error) error {
	var fe desk.FieldErrors
	if !errors.As(err, &fe) {
		return err
	}
	return refuse(reasons(fe))
}

// reasons are a refusal's reasons, in a stable order.
func reasons(fe desk.FieldErrors) string {
	list := make([]string, 0, len(fe))
	for _, v := range fe {
		list = append(list, v)
	}
	sort.Strings(list)
	return strings.Join(list, "; ")
}

// refuse is a 422 with a reason the handler words itself.
func refuse(reason string) error {
	return &web.Error{Status: http.StatusUnprocessableEntity, Public: "Not saved: " + reason}
}
