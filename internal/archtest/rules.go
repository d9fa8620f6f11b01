// Package archtest holds Dateline's import rules, the one source of them: its test
// checks every package against them with go list, and checks that the depguard
// rules in .golangci.yml (which golangci-lint applies in CI and editors) say the
// same. docs/ARCHITECTURE.md explains them.
package archtest

import (
	"fmt"
	"slices"
	"strings"
)

// Module is the module path; rules name packages relative to it.
const Module = "dateline"

// Rule is what one package may import: Ours lists the packages of this module it
// may use (a package also allows its subpackages only when listed), and DenyStd
// the standard-library or third-party import paths it must not use, matched by
// prefix ("net/http" also bans "net/http/httptest").
type Rule struct {
	Ours    []string
	DenyStd []string
	Why     string
}

var (
	// noIO is for domain packages: they do no I/O of their own and know nothing of
	// storage or HTTP.
	noIO = []string{"net/http", "database/sql", "os/exec"}
	// domain is every domain package: types and rules, importing nothing of storage or HTTP.
	domain = []string{"internal/audit", "internal/auth", "internal/change", "internal/event", "internal/fault", "internal/letters",
		"internal/media", "internal/outbox", "internal/people", "internal/search", "internal/secret", "internal/section", "internal/slug",
		"internal/settings", "internal/origin",
		"internal/story", "internal/wire"}
)

func with(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// Rules is every package's rule, by path relative to the module.
var Rules = map[string]Rule{
	"cmd/dateline":      {Ours: []string{"internal/cli"}, Why: "commands only parse arguments and call cli"},
	"cmd/dateline-load": {Ours: []string{"internal/cli"}, Why: "commands only parse arguments and call cli"},
	"internal/archtest": {Why: "a test of the others"},

	"internal/audit":    {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/change":   {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/event":    {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/fault":    {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/outbox":   {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/people":   {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/section":  {Ours: []string{"internal/slug"}, DenyStd: noIO, Why: "domain: slugs only"},
	"internal/settings": {Ours: []string{"internal/slug"}, DenyStd: noIO, Why: "domain: slugs only"},
	"internal/story":    {Ours: []string{"internal/slug"}, DenyStd: noIO, Why: "domain: slugs only"},
	"internal/slug":     {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/wire":     {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/media":    {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/secret":   {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/origin":   {DenyStd: noIO, Why: "domain: imports nothing of ours"},
	"internal/search":   {Ours: []string{"internal/story"}, DenyStd: noIO, Why: "domain: query parsing over stories"},
	"internal/auth": {Ours: []string{"internal/audit", "internal/event"}, DenyStd: noIO,
		Why: "domain: sessions and links, audited"},
	"internal/letters": {Ours: []string{"internal/event", "internal/outbox"}, DenyStd: noIO,
		Why: "domain: the submission policy, queuing its notices"},
	"internal/desk": {Ours: domain, DenyStd: noIO, Why: "the use cases: domain rules over the domain's store contracts"},
	"internal/job":  {Ours: domain, DenyStd: noIO, Why: "background jobs over the domain's store contracts"},

	"internal/render": {Ours: domain, DenyStd: []string{"net/http", "database/sql"}, Why: "turns domain values into HTML"},
	"internal/theme":  {DenyStd: []string{"net/http", "database/sql"}, Why: "loads templates; knows no domain"},
	"internal/feeds":  {Ours: domain, DenyStd: []string{"net/http", "database/sql"}, Why: "writes Atom and sitemaps"},
	"internal/cache":  {Ours: []string{"internal/change"}, DenyStd: []string{"database/sql"}, Why: "the render cache"},
	"internal/cdn":    {DenyStd: []string{"database/sql"}, Why: "talks to a CDN over HTTP"},
	"internal/notify": {Ours: domain, DenyStd: []string{"net/http", "database/sql"}, Why: "mails the letters desk"},
	"internal/ingest": {Ours: domain, DenyStd: []string{"database/sql"}, Why: "fetches and parses wire feeds"},
	"internal/siteimport": {Ours: with(domain, []string{"internal/desk"}), DenyStd: []string{"net/http", "database/sql"},
		Why: "reads other systems' exports and files them through the desk"},
	"internal/demo":         {Ours: domain, DenyStd: []string{"net/http", "database/sql"}, Why: "the demo newsroom, through store contracts"},
	"internal/media/fsblob": {Ours: []string{"internal/media"}, DenyStd: []string{"net/http", "database/sql"}, Why: "media files on disk"},
	"internal/browsertest":  {Why: "drives a browser in tests"},
	"internal/export": {DenyStd: []string{"database/sql"},
		Why: "writes a site as static files, through its HTTP handler only: what a reader gets"},

	"internal/store": {Ours: with(domain, []string{"internal/store/sqlite", "internal/store/postgres"}), DenyStd: []string{"net/http"},
		Why: "storage implements the domain's contracts; no HTTP"},
	"internal/store/sqlite":    {Why: "an engine: a leaf"},
	"internal/store/postgres":  {Why: "an engine: a leaf"},
	"internal/store/pgtest":    {Ours: []string{"internal/store", "internal/store/postgres"}, Why: "test databases"},
	"internal/store/storetest": {Ours: domain, DenyStd: []string{"net/http"}, Why: "the conformance suite, against contracts only"},

	"internal/web": {Ours: with(domain, []string{"internal/desk"}), DenyStd: []string{"database/sql"},
		Why: "HTTP plumbing; never storage (STYLE.md rule 6)"},
	"internal/web/public": {
		Ours:    with(domain, []string{"internal/web", "internal/render", "internal/theme", "internal/cache", "internal/feeds"}),
		DenyStd: []string{"database/sql"},
		Why:     "the public site reads through its own Store; never the newsroom or APIs",
	},
	"internal/web/newsroom": {Ours: with(domain, []string{"internal/web", "internal/desk", "internal/render", "internal/ingest"}),
		DenyStd: []string{"database/sql"}, Why: "the newsroom writes only through the desk"},
	"internal/web/api": {Ours: with(domain, []string{"internal/web", "internal/desk", "internal/render"}),
		DenyStd: []string{"database/sql"}, Why: "the APIs write only through the desk"},

	"internal/cli":      {Ours: []string{"*"}, Why: "the command line: it configures and runs nodes"},
	"internal/app":      {Ours: []string{"*"}, Why: "the composition root: it wires one node from every part"},
	"internal/sitetest": {Ours: []string{"*"}, Why: "builds whole sites for tests"},
}

// Allowed reports whether pkg may import imp (both full import paths).
func Allowed(pkg, imp string) (bool, string) {
	rel := strings.TrimPrefix(pkg, Module+"/")
	r, ok := Rules[rel]
	if !ok {
		return false, fmt.Sprintf("%s has no import rule in internal/archtest", pkg)
	}
	if name, ours := strings.CutPrefix(imp, Module+"/"); ours {
		if slices.Contains(r.Ours, "*") && !strings.HasPrefix(name, "cmd/") {
			return true, ""
		}
		if slices.Contains(r.Ours, name) {
			return true, ""
		}
		return false, fmt.Sprintf("%s imports %s (%s)", pkg, imp, r.Why)
	}
	for _, d := range r.DenyStd {
		if imp == d || strings.HasPrefix(imp, d+"/") {
			return false, fmt.Sprintf("%s imports %s (%s)", pkg, imp, r.Why)
		}
	}
	return true, ""
}

// Depguard writes the depguard rules that say the same as Rules, for .golangci.yml.
func Depguard(all []string) string {
	var b strings.Builder
	names := make([]string, 0, len(Rules))
	for name := range Rules {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		r := Rules[name]
		var deny []string
		if !slices.Contains(r.Ours, "*") {
			for _, p := range all {
				if p != name && !slices.Contains(r.Ours, p) {
					deny = append(deny, Module+"/"+p)
				}
			}
		} else {
			for _, p := range all {
				if strings.HasPrefix(p, "cmd/") {
					deny = append(deny, Module+"/"+p)
				}
			}
		}
		deny = append(deny, r.DenyStd...)
		if len(deny) == 0 {
			continue
		}
		fmt.Fprintf(
			&b,
			"        %s:\n          list-mode: lax\n          files:\n            - \"**/%s/*.go\"\n            - \"!$test\"\n          deny:\n",
			strings.ReplaceAll(name, "/", "-"),
			name,
		)
		for _, d := range deny {
			fmt.Fprintf(&b, "            - pkg: %q\n              desc: %q\n", d, r.Why)
		}
	}
	return b.String()
}
