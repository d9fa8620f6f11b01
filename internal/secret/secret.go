// Package secret holds the site's secret key: the one that signs links and form
// tokens, keys the hashes of client addresses, and (in later work) encrypts secrets
// stored for later use. It lives outside the database, so a database backup does
// not carry it, and it must be the same on every node. A second, older key may be
// given while a key is being rotated: what it signed still verifies.
package secret

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MinLength is the shortest key accepted, in characters.
const MinLength = 32

// ErrShort refuses a key too short to be secret.
var ErrShort = fmt.Errorf("a secret key needs at least %d characters", MinLength)

// Keys are the current key and, during a rotation, the previous one.
type Keys struct {
	current, previous []byte
}

// New makes Keys from the current key and an optional previous one.
func New(current, previous string) (*Keys, error) {
	current, previous = strings.TrimSpace(current), strings.TrimSpace(previous)
	if len(current) < MinLength || previous != "" && len(previous) < MinLength {
		return nil, ErrShort
	}
	k := &Keys{current: []byte(current)}
	if previous != "" {
		k.previous = []byte(previous)
	}
	return k, nil
}

// Generate returns a new random key, 64 hex characters.
func Generate() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// Random makes throwaway Keys, for tests and tools that sign nothing lasting.
func Random() *Keys {
	k, _ := New(Generate(), "")
	return k
}

// derive is a key for one purpose, so a MAC made for one use never verifies for another.
func derive(key []byte, purpose string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(purpose))
	return m.Sum(nil)
}

func mac(key []byte, purpose, msg string) string {
	m := hmac.New(sha256.New, derive(key, purpose))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

// Sign returns a MAC of msg for a purpose, with the current key.
func (k *Keys) Sign(purpose, msg string) string { return mac(k.current, purpose, msg) }

// Verify reports whether sig is Sign(purpose, msg) under the current or previous key.
func (k *Keys) Verify(purpose, msg, sig string) bool {
	if hmac.Equal([]byte(sig), []byte(mac(k.current, purpose, msg))) {
		return true
	}
	return k.previous != nil && hmac.Equal([]byte(sig), []byte(mac(k.previous, purpose, msg)))
}

// Hash is a stable keyed hash of a value for a purpose (a reader's address kept with
// their message, so repeated posts are recognised but the address cannot be read).
func (k *Keys) Hash(purpose, value string) string { return mac(k.current, purpose, value)[:32] }

// AddressWindow is how long one key for hashing client addresses lives. Counters
// that use it (rate limits, sign-in throttles) last an hour at most, and are
// deleted when their window ends; with a new key each day, a key that leaked later
// cannot be used to brute-force the addresses behind old hashes (IPv4 has only 2³²).
const AddressWindow = 24 * time.Hour

// AddressKey is the keyed hash under which a client's address (or any value naming
// a person, such as an email typed at sign-in) is counted, with a key that changes
// every AddressWindow.
func (k *Keys) AddressKey(purpose, value string, now time.Time) string {
	window := strconv.FormatInt(now.UTC().Unix()/int64(AddressWindow/time.Second), 10)
	return purpose + ":" + mac(k.current, "address-window:"+window, purpose+":"+value)[:32]
}
