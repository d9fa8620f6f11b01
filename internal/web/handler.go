// Package web is the HTTP plumbing shared by the public site, the newsroom and the
// APIs: handlers that return errors, one place that turns errors into responses, and
// the middleware every request passes through.
package web

import (
	"errors"
	"log/slog"
	"net/http"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/fault"
	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/search"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/wire"
)

// Handler is an HTTP handler that reports failure by returning an error; ErrorPage
// turns the error into a response.
type Handler func(w http.ResponseWriter, r *http.Request) error

// Error carries a status and a message safe to show; Err is for the log only.
type Error struct {
	Status int
	Public string
	Err    error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Public + ": " + e.Err.Error()
	}
	return e.Public
}

func (e *Error) Unwrap() error { return e.Err }

// Errors handlers return for plain HTTP outcomes.
var (
	ErrNotFound = &Error{Status: http.StatusNotFound, Public: "The page you asked for is not here."}
	ErrGone     = &Error{Status: http.StatusGone, Public: "This story has been withdrawn and is no longer available."}
)

// StatusOf maps an error to its HTTP status and the message a reader may see.
func StatusOf(err error) (int, string) {
	var e *Error
	if errors.As(err, &e) {
		return e.Status, e.Public
	}
	switch {
	case errors.Is(err, desk.ErrPhotosBusy):
		return http.StatusServiceUnavailable, desk.ErrPhotosBusy.Error()
	case errors.Is(err, auth.ErrHasherBusy):
		return http.StatusServiceUnavailable, "The newsroom is busy. Please try again in a moment."
	case errors.Is(err, search.ErrBusy):
		return http.StatusServiceUnavailable, "Search is busy. Please try again in a moment."
	case errors.Is(err, fault.ErrUnavailable):
		return http.StatusServiceUnavailable, "The site is having trouble reaching its database. Please try again in a moment."
	case errors.Is(err, auth.ErrNoSession):
		return http.StatusUnauthorized, "Please sign in."
	case errors.Is(err, desk.ErrForbidden):
		return http.StatusForbidden, "Your role does not allow this."
	case errors.Is(err, story.ErrNotFound), errors.Is(err, section.ErrNotFound), errors.Is(err, people.ErrNotFound),
		errors.Is(err, media.ErrNotFound), errors.Is(err, letters.ErrNotFound), errors.Is(err, wire.ErrNotFound),
		errors.Is(err, settings.ErrPageNotFound):
		return http.StatusNotFound, ErrNotFound.Public
	case errors.Is(err, desk.ErrWithdrawn):
		return http.StatusConflict, "The agency has withdrawn this item: it must not be used."
	case errors.As(err, new(desk.FieldErrors)):
		return http.StatusUnprocessableEntity, "Some fields need attention."
	case errors.Is(err, story.ErrConflict):
		return http.StatusConflict, err.Error()
	case errors.Is(err, story.ErrFrontConflict):
		return http.StatusConflict, "Another editor changed this front meanwhile: nothing was saved. Load it again and make your change."
	case errors.Is(err, story.ErrInvalid), errors.Is(err, section.ErrInvalid), errors.Is(err, people.ErrInvalid),
		errors.Is(err, media.ErrInvalid), errors.Is(err, letters.ErrInvalid):
		return http.StatusUnprocessableEntity, err.Error()
	}
	return http.StatusInternalServerError, "Something went wrong on our side. Please try again later."
}

// ErrorRenderer writes an error response for a status and public message; err is
// the error itself, for renderers that show more (the fields of desk.FieldErrors).
type ErrorRenderer func(w http.ResponseWriter, r *http.Request, status int, message string, err error)

// Adapter turns Handlers into http.Handlers, logging server errors and rendering
// every error through one renderer.
type Adapter struct {
	Log    *slog.Logger
	Render ErrorRenderer
}

// Wrap adapts h.
func (a Adapter) Wrap(h Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status, msg := StatusOf(err)
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "5")
			a.Log.WarnContext(r.Context(), "unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		} else if status >= 500 {
			a.Log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		a.Render(w, r, status, msg, err)
	})
}
