package newsroom_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestDatabaseErrorsAreNeverShown: a refusal the domain words (a taken slug) is a 422
// with its reason, but a failure of the database is a 5xx whose page shows no driver
// or store text (it used to be a 422 "Not saved: store: ... sql: database is closed").
func TestDatabaseErrorsAreNeverShown(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		admin := s.Session(people.RoleAdmin)
		status, _, page := admin.Post("/newsroom/sections", url.Values{"slug": {"world"}, "name": {"World again"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "slug already in use") {
			t.Fatalf("a taken slug: %d", status)
		}
		s.Store.DB().Close() // the database goes away under the running site
		status, _, page = admin.Post("/newsroom/sections", url.Values{"slug": {"fresh"}, "name": {"Fresh"}})
		if status < 500 {
			t.Fatalf("a database failure answered %d", status)
		}
		for _, leak := range []string{"store:", "sql:", "database is closed", "Not saved"} {
			if strings.Contains(page, leak) {
				t.Errorf("the error page shows %q", leak)
			}
		}
	})
}
