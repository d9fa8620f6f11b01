package newsroom

import (
	"net/http"
	"strconv"
	"time"

	"dateline/internal/web"
)

// Throttles, counted in fixed windows under keyed hashes (never raw addresses or
// emails), each attempt counted before any password work:
//   - one address trying one account: at most 10 attempts per 15 minutes, then 429;
//   - one address across accounts (password spraying): at most 100, then 429;
//   - one account from anywhere: past 10 attempts each is slowed a little more (up to
//     5 s), never refused, so nobody can lock someone else out of their account;
//   - one address using invitation and reset links: at most 20, then 429.
const (
	throttleWindow   = 15 * time.Minute
	maxPairAttempts  = 10
	maxAddrAttempts  = 100
	slowAfter        = 10
	slowStep         = 200 * time.Millisecond
	maxSlowdown      = 5 * time.Second
	maxLinkAttempts  = 20
	throttledMessage = "Too many attempts. Please wait 15 minutes and try again."
)

// overLimit counts an attempt under key and reports whether it is past max.
func (s *Server) overLimit(w http.ResponseWriter, r *http.Request, key string, max int) error {
	n, err := s.accounts.CountAttempt(r.Context(), key, throttleWindow)
	if err != nil {
		return err
	}
	if n > max {
		w.Header().Set("Retry-After", strconv.Itoa(int(throttleWindow.Seconds())))
		return &web.Error{Status: http.StatusTooManyRequests, Public: throttledMessage}
	}
	return nil
}
