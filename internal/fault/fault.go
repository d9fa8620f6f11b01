// Package fault names the kinds of failure that every domain shares, so that callers
// decide by kind (errors.Is), never by an error's text. Storage maps its drivers'
// errors to these at its boundary. It imports nothing of ours.
package fault

import "errors"

// ErrUnavailable means a dependency (the database) could not be reached: refused,
// reset or dropped connections, timeouts, a busy database. The same request may
// succeed later, so it is a 503, not a 500.
var ErrUnavailable = errors.New("temporarily unavailable")
