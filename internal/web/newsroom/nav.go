package newsroom

import (
	"strings"

	"dateline/internal/people"
)

// navLink is one entry of the newsroom's navigation. Current is "page" on the page
// it links to, "true" on the pages under it (a story's editor under Stories), else "".
type navLink struct {
	Href, Label, Current string
}

// navLinks lists the navigation a person may use, marking where path is.
func navLinks(p people.Person, path string) []navLink {
	all := []struct {
		href, label string
		need        people.Action
		under       []string // paths that belong to this entry besides its own
	}{
		{"/newsroom/", "Stories", people.ActWriteOwn, []string{"/newsroom/stories/"}},
		{"/newsroom/stories/new", "New story", people.ActWriteOwn, nil},
		{"/newsroom/wire", "Wire", people.ActWriteOwn, []string{"/newsroom/wire/"}},
		{"/newsroom/media", "Photos", people.ActWriteOwn, []string{"/newsroom/media/"}},
		{"/newsroom/trash", "Trash", people.ActWriteOwn, []string{"/newsroom/trash/"}},
		{"/newsroom/letters", "Letters", people.ActModerate, []string{"/newsroom/letters/"}},
		{"/newsroom/fronts", "Fronts", people.ActCurateFronts, nil},
		{"/newsroom/people", "People", people.ActManagePeople, []string{"/newsroom/people/"}},
		{"/newsroom/settings", "Settings", people.ActManageSettings, nil},
		{"/newsroom/pages", "Pages", people.ActManageSettings, []string{"/newsroom/pages/"}},
		{"/newsroom/tokens", "API tokens", people.ActManageTokens, nil},
		{"/newsroom/audit", "Audit log", people.ActViewAudit, nil},
	}
	var out []navLink
	for _, l := range all {
		if !p.Can(l.need) {
			continue
		}
		link := navLink{Href: l.href, Label: l.label}
		switch {
		case path == l.href:
			link.Current = "page"
		case path != "/newsroom/stories/new" && hasAnyPrefix(path, l.under):
			link.Current = "true"
		}
		out = append(out, link)
	}
	return out
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
