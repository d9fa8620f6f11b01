// Package api serves the Admin API: JSON over HTTP for machines and scripts acting as
// a newsroom member through a bearer token, with the same role rules as the UI.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/web"
	"dateline/internal/wire"
)

// Store is what the Admin API reads, listed by hand: every write goes through the
// desk, so a handler cannot write around the rules.
type Store interface {
	web.StaffStore
	Site(ctx context.Context) (settings.Site, error)
	BureauByID(ctx context.Context, id int64) (people.Bureau, error)
	Bureaus(ctx context.Context) ([]people.Bureau, error)
	FrontIDs(ctx context.Context, sectionID int64) ([]int64, error)
	FrontVersion(ctx context.Context, sectionID int64) (int64, error)
	Messages(ctx context.Context, q letters.Query) ([]letters.Message, int, error)
	Revisions(ctx context.Context, id int64) ([]story.Revision, error)
	Sections(ctx context.Context) ([]section.Section, error)
	Stories(ctx context.Context, q story.Query) ([]story.Story, int, error)
	TopicsByID(ctx context.Context, ids []int64) ([]section.Topic, error)
	Topics(ctx context.Context) ([]section.Topic, error)
	WireEntries(ctx context.Context, f wire.Filter) ([]wire.Entry, error)
	WireEntry(ctx context.Context, id int64) (wire.Entry, error)
}

// Server is the Admin API.
type Server struct {
	store Store
	desk  *desk.Desk
	now   func() time.Time
	log   *slog.Logger
	web   web.Adapter
}

// New builds the Admin API.
func New(st Store, d *desk.Desk, log *slog.Logger) *Server {
	s := &Server{store: st, desk: d, now: d.Now, log: log}
	s.web = web.Adapter{Log: log, Render: writeError}
	return s
}

type ctxKey struct{}

// actor is the person the request's token acts as.
func actor(r *http.Request) desk.Actor { return r.Context().Value(ctxKey{}).(desk.Actor) }

// Route is one Admin API route and the action it needs; the role-matrix test walks them.
type Route struct {
	Pattern string
	Need    people.Action
}

type route struct {
	Route
	handler web.Handler
}

// table lists every Admin API route with the action it requires; per-story rules
// (a writer's own drafts) are the desk's.
func (s *Server) table() []route {
	const v1 = "/api/admin/v1"
	r := func(pattern string, need people.Action, h web.Handler) route { return route{Route{pattern, need}, h} }
	return []route{
		// Stories and their workflow.
		r("GET "+v1+"/stories", people.ActWriteOwn, s.storyList),
		r("POST "+v1+"/stories", people.ActWriteOwn, s.storyCreate),
		r("GET "+v1+"/stories/{id}", people.ActWriteOwn, s.storyShow),
		r("PATCH "+v1+"/stories/{id}", people.ActWriteOwn, s.storyUpdate),
		r("POST "+v1+"/stories/{id}/transition", people.ActWriteOwn, s.storyTransition),
		r("GET "+v1+"/stories/{id}/revisions", people.ActWriteOwn, s.storyRevisions),
		r("POST "+v1+"/stories/{id}/notes", people.ActCorrect, s.storyNote),
		r("DELETE "+v1+"/stories/{id}", people.ActWriteOwn, s.storyDelete),
		r("POST "+v1+"/stories/{id}/restore", people.ActWriteOwn, s.storyRestore),

		// The wire queue.
		r("GET "+v1+"/wire", people.ActWriteOwn, s.wireList),
		r("GET "+v1+"/wire/{id}", people.ActWriteOwn, s.wireShow),
		r("POST "+v1+"/wire/{id}/use", people.ActWriteOwn, s.wireUse),

		// Photos.
		r("POST "+v1+"/media", people.ActUploadMedia, s.mediaUpload),
		r("DELETE "+v1+"/media/{id}", people.ActDelete, s.mediaDelete),

		// Fronts.
		r("GET "+v1+"/fronts/{section}", people.ActWriteOwn, s.frontShow),
		r("PUT "+v1+"/fronts/{section}", people.ActCurateFronts, s.frontUpdate),

		// Letters desk.
		r("GET "+v1+"/messages", people.ActModerate, s.messageList),
		r("POST "+v1+"/messages/{id}/moderate", people.ActModerate, s.messageModerate),
		r("DELETE "+v1+"/messages/{id}", people.ActDelete, s.messageDelete),

		// The site's shape: settings, sections, bureaus, topics.
		r("GET "+v1+"/settings", people.ActManageSettings, s.settingsShow),
		r("PUT "+v1+"/settings", people.ActManageSettings, s.settingsUpdate),
		r("GET "+v1+"/sections", people.ActWriteOwn, s.sectionList),
		r("POST "+v1+"/sections", people.ActManageSettings, s.sectionCreate),
		r("PATCH "+v1+"/sections/{id}", people.ActManageSettings, s.sectionUpdate),
		r("GET "+v1+"/bureaus", people.ActWriteOwn, s.bureauList),
		r("POST "+v1+"/bureaus", people.ActManageSettings, s.bureauCreate),
		r("PATCH "+v1+"/bureaus/{id}", people.ActManageSettings, s.bureauUpdate),
		r("GET "+v1+"/topics", people.ActWriteOwn, s.topicList),
		r("PATCH "+v1+"/topics/{id}", people.ActManageSettings, s.topicUpdate),
		r("POST "+v1+"/topics/{id}/merge", people.ActManageSettings, s.topicMerge),
	}
}

// Routes lists every Admin API route with its required action.
func (s *Server) Routes() []Route {
	var out []Route
	for _, r := range s.table() {
		out = append(out, r.Route)
	}
	return out
}

// Handler returns the Admin API's routes; every one needs a bearer token.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, r := range s.table() {
		mux.Handle(r.Pattern, s.web.Wrap(s.authorize(r.Need, r.handler)))
	}
	mux.Handle("/api/admin/v1/", s.web.Wrap(func(http.ResponseWriter, *http.Request) error {
		return &web.Error{Status: http.StatusNotFound, Public: "no such Admin API route"}
	}))
	return mux
}

// authorize resolves the bearer token and checks the route's action.
func (s *Server) authorize(need people.Action, next web.Handler) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := web.TokenPerson(r, s.store, s.now())
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dateline"`)
			if errors.Is(err, auth.ErrNoSession) {
				return &web.Error{Status: http.StatusUnauthorized, Public: "a valid bearer token is required"}
			}
			return err
		}
		if !p.Can(need) {
			return desk.ErrForbidden
		}
		site, err := s.store.Site(r.Context())
		if err != nil {
			return err
		}
		proxies, _ := settings.ParseProxies(site.TrustedProxies)
		a := desk.Actor{Person: p, IP: web.ClientIP(r, proxies)}
		return next(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, a)))
	}
}

// writeJSON writes v with a status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// writeError writes the JSON error shape of PRODUCT.md §4, naming fields when known.
func writeError(w http.ResponseWriter, r *http.Request, status int, message string, err error) {
	body := map[string]any{"error": message, "request_id": web.RequestID(r.Context())}
	var fields desk.FieldErrors
	if errors.As(err, &fields) {
		body["fields"] = fields
	}
	_ = writeJSON(w, status, body) // the client is gone if this fails
}

// decode reads a JSON body (at most 1 MB) into v, refusing unknown fields so a
// misspelt field is an error rather than silently ignored.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &web.Error{Status: http.StatusRequestEntityTooLarge, Public: "the request body is larger than 1 MB"}
		}
		return &web.Error{Status: http.StatusBadRequest, Public: "the body is not valid JSON for this route: " + err.Error()}
	}
	return nil
}
