package newsroom

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/people"
	"dateline/internal/settings"
	"dateline/internal/web"
)

// Route is one newsroom route and the action it needs ("" for the sign-in pages);
// the role-matrix test walks this list.
type Route struct {
	Pattern string
	Need    people.Action
}

// Routes lists every newsroom route with its required action.
func (s *Server) Routes() []Route {
	var out []Route
	for _, r := range s.table() {
		out = append(out, Route{r.pattern, r.need})
	}
	return out
}

type route struct {
	pattern string
	need    people.Action
	handler web.Handler
}

// table is every route of the newsroom, grouped by page, each with its action.
func (s *Server) table() []route {
	const open = people.Action("")
	return []route{
		// Signing in and out; invitations.
		{"GET /newsroom/login", open, s.loginForm},
		{"POST /newsroom/login", open, s.loginSubmit},
		{"POST /newsroom/logout", people.ActWriteOwn, s.logout},
		{"GET /newsroom/invite/{token}", open, s.inviteForm},
		{"POST /newsroom/invite/{token}", open, s.inviteAccept},

		// Stories: list, editor, preview, autosave, workflow, notes, revisions.
		{"GET /newsroom/{$}", people.ActWriteOwn, s.storyList},
		{"GET /newsroom/stories/new", people.ActWriteOwn, s.storyNew},
		{"POST /newsroom/stories", people.ActWriteOwn, s.storyCreate},
		{"GET /newsroom/stories/{id}", people.ActWriteOwn, s.storyEdit},
		{"POST /newsroom/stories/{id}", people.ActWriteOwn, s.storySave},
		{"POST /newsroom/stories/{id}/transition", people.ActWriteOwn, s.storyTransition},
		{"POST /newsroom/stories/{id}/notes", people.ActCorrect, s.storyNote},
		{"POST /newsroom/stories/{id}/autosave", people.ActWriteOwn, s.storyAutosave},
		{"GET /newsroom/stories/{id}/trash", people.ActWriteOwn, s.storyTrashConfirm},
		{"POST /newsroom/stories/{id}/trash", people.ActWriteOwn, s.storyTrash},
		{"GET /newsroom/trash", people.ActWriteOwn, s.trashList},
		{"POST /newsroom/trash/{id}/restore", people.ActWriteOwn, s.trashRestore},
		{"GET /newsroom/trash/{id}/delete", people.ActDelete, s.trashDeleteConfirm},
		{"POST /newsroom/trash/{id}/delete", people.ActDelete, s.trashDelete},
		{"GET /newsroom/stories/{id}/revisions", people.ActWriteOwn, s.revisionList},
		{"GET /newsroom/stories/{id}/revisions/{version}", people.ActWriteOwn, s.revisionShow},
		{"POST /newsroom/stories/{id}/revisions/{version}/restore", people.ActWriteOwn, s.revisionRestore},
		{"POST /newsroom/preview", people.ActWriteOwn, s.storyPreview},
		{"GET /newsroom/media/{id}/{name}", people.ActWriteOwn, s.mediaShow},
		{"GET /newsroom/media", people.ActWriteOwn, s.photoList},
		{"GET /newsroom/find", people.ActWriteOwn, s.findJSON},
		{"POST /newsroom/media", people.ActUploadMedia, s.photoUpload},
		{"GET /newsroom/media/{id}", people.ActWriteOwn, s.photoShow},
		{"POST /newsroom/media/{id}", people.ActUploadMedia, s.photoSave},
		{"POST /newsroom/media/{id}/focus", people.ActUploadMedia, s.photoFocus},
		{"GET /newsroom/media/{id}/delete", people.ActDelete, s.photoDeleteConfirm},
		{"POST /newsroom/media/{id}/delete", people.ActDelete, s.photoDelete},

		// The wire desk.
		{"GET /newsroom/wire", people.ActWriteOwn, s.wireQueue},
		{"GET /newsroom/wire/{id}", people.ActWriteOwn, s.wireItem},
		{"POST /newsroom/wire/{id}/use", people.ActWriteOwn, s.wireUse},
		{"POST /newsroom/wire/{id}/photo", people.ActUploadMedia, s.wirePhoto},
		{"POST /newsroom/stories/{id}/wire", people.ActWriteOwn, s.storyWireUpdate},

		// The letters desk.
		{"GET /newsroom/letters", people.ActModerate, s.letterList},
		{"POST /newsroom/letters", people.ActModerate, s.letterModerate},
		{"POST /newsroom/letters/erase", people.ActModerate, s.readerErase},
		{"GET /newsroom/letters/export", people.ActModerate, s.readerExport},
		{"POST /newsroom/letters/{id}", people.ActModerate, s.letterTrim},

		// Fronts.
		{"GET /newsroom/fronts", people.ActCurateFronts, s.frontList},
		{"POST /newsroom/fronts/{section}", people.ActCurateFronts, s.frontSave},

		// Admin: people, settings, tokens, audit.
		{"GET /newsroom/people", people.ActManagePeople, s.peopleList},
		{"POST /newsroom/people", people.ActManagePeople, s.personInvite},
		{"POST /newsroom/people/{id}", people.ActManagePeople, s.personUpdate},
		{"POST /newsroom/people/{id}/reset", people.ActManagePeople, s.personReset},
		{"GET /newsroom/settings", people.ActManageSettings, s.settingsShow},
		{"GET /newsroom/pages", people.ActManageSettings, s.pageList},
		{"GET /newsroom/pages/new", people.ActManageSettings, s.pageNew},
		{"POST /newsroom/pages", people.ActManageSettings, s.pageSave},
		{"GET /newsroom/pages/{id}", people.ActManageSettings, s.pageEdit},
		{"POST /newsroom/pages/{id}", people.ActManageSettings, s.pageSave},
		{"POST /newsroom/settings", people.ActManageSettings, s.settingsSave},
		{"POST /newsroom/sections", people.ActManageSettings, s.sectionCreate},
		{"POST /newsroom/sections/{id}", people.ActManageSettings, s.sectionSave},
		{"POST /newsroom/bureaus", people.ActManageSettings, s.bureauCreate},
		{"POST /newsroom/bureaus/{id}", people.ActManageSettings, s.bureauSave},
		{"POST /newsroom/topics/{id}", people.ActManageSettings, s.topicSave},
		{"GET /newsroom/tokens", people.ActManageTokens, s.tokenList},
		{"POST /newsroom/tokens", people.ActManageTokens, s.tokenCreate},
		{"GET /newsroom/audit", people.ActViewAudit, s.auditList},
	}
}

// Handler returns the newsroom's routes behind same-origin protection.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.table() {
		if rt.need == "" {
			mux.Handle(rt.pattern, s.web.Wrap(s.withSite(rt.handler)))
		} else {
			mux.Handle(rt.pattern, s.web.Wrap(s.signedIn(rt.need, rt.handler)))
		}
	}
	mux.Handle("GET /newsroom/static/{name}", http.HandlerFunc(s.static))
	mux.Handle("/newsroom/", s.web.Wrap(func(http.ResponseWriter, *http.Request) error { return web.ErrNotFound }))

	sameOrigin := http.NewCrossOriginProtection()
	sameOrigin.SetDenyHandler(s.web.Wrap(func(http.ResponseWriter, *http.Request) error {
		return &web.Error{Status: http.StatusForbidden, Public: "This request did not come from a newsroom page."}
	}))
	return newsroomHeaders(sameOrigin.Handler(mux))
}

// newsroomHeaders marks every newsroom response private and unframeable.
func newsroomHeaders(next http.Handler) http.Handler {
	return web.SecurityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Robots-Tag", "noindex")
		next.ServeHTTP(w, r)
	}))
}

// withSite puts the site settings and client address in the context for open pages.
func (s *Server) withSite(next web.Handler) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		site, err := s.store.Site(r.Context())
		if err != nil {
			return err
		}
		proxies, _ := settings.ParseProxies(site.TrustedProxies)
		st := staff{site: site, proxies: proxies, ip: web.ClientIP(r, proxies)}
		return next(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, st)))
	}
}

// signedIn requires a session whose person may take the action, and a matching
// CSRF token on every request that changes something.
func (s *Server) signedIn(need people.Action, next web.Handler) web.Handler {
	return s.withSite(func(w http.ResponseWriter, r *http.Request) error {
		st := current(r)
		p, sess, err := web.SessionPerson(r, s.store, s.now())
		if errors.Is(err, auth.ErrNoSession) {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				http.Redirect(w, r, "/newsroom/login?next="+pathEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return nil
			}
			return &web.Error{Status: http.StatusUnauthorized, Public: "Your session has ended. Please sign in again."}
		}
		if err != nil {
			return err
		}
		st.person, st.session = p, sess
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, st))
		if !p.Can(need) {
			return &web.Error{Status: http.StatusForbidden, Public: "Your role (" + string(p.Role) + ") does not allow this."}
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			r.Body = http.MaxBytesReader(w, r.Body, desk.MaxUploadBytes+1<<20)
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				if err := r.ParseMultipartForm(8 << 20); err != nil {
					return &web.Error{
						Status: http.StatusRequestEntityTooLarge,
						Public: fmt.Sprintf("The upload is too large (%d MB at most).", desk.MaxUploadBytes>>20),
						Err:    err,
					}
				}
			}
			token := r.Header.Get("X-CSRF-Token")
			if token == "" {
				token = r.PostFormValue("csrf")
			}
			if subtle.ConstantTimeCompare([]byte(token), []byte(sess.CSRF)) != 1 {
				return &web.Error{Status: http.StatusForbidden, Public: "This form has expired. Please reload the page and try again."}
			}
		}
		return next(w, r)
	})
}

// pathEscape keeps a return path a local path.
func pathEscape(p string) string {
	if !strings.HasPrefix(p, "/newsroom/") {
		return "/newsroom/"
	}
	return strings.NewReplacer("&", "%26", "#", "%23", "?", "%3F").Replace(p)
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := path.Base(r.PathValue("name"))
	data, err := fs.ReadFile(files, "static/"+name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(data)
}
