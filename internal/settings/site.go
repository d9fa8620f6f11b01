// Package settings holds the site-wide settings every public page is built from.
package settings

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// Site is the newsroom's public identity: what the banner, datelines, times and footer show.
type Site struct {
	Name            string // "Dateline News"
	ShortName       string // used in datelines: "BEIJING (Dateline) --"
	Tagline         string
	BaseURL         string // "https://news.example.com", no trailing slash
	TimeZone        string // IANA name of the home zone, e.g. "America/New_York"
	Language        string // default story language, BCP 47
	CopyrightHolder string
	// TrustedProxies lists the proxies (IPs or CIDR ranges, comma-separated) whose
	// X-Forwarded-For header names the real client.
	TrustedProxies string
	// CommentsPremoderated holds reader comments for an editor (the default); when
	// false they are published at once and moderated afterwards.
	CommentsPremoderated bool
	// CommentsCloseDays closes comments this many days after publication; 0 never.
	CommentsCloseDays int
	// BlockedWords (comma-separated) send a message straight to spam.
	BlockedWords string
	// ReaderDataDays is how long readers' emails and IP hashes are kept.
	ReaderDataDays int
	// EmbedHosts are the embed providers admins allow besides the built-in ones,
	// one a line: "Name = host" (see ParseEmbedHosts).
	EmbedHosts string
}

// BlockedList returns the blocked words, lowercased.
func (s Site) BlockedList() []string {
	var out []string
	for _, w := range strings.Split(s.BlockedWords, ",") {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// ErrInvalid reports settings that cannot be saved.
var ErrInvalid = errors.New("invalid site settings")

// Default is the site a brand-new database starts with.
func Default() Site {
	return Site{
		Name:            "Dateline",
		ShortName:       "Dateline",
		BaseURL:         "http://localhost:8080",
		TimeZone:        "America/New_York",
		Language:        "en",
		CopyrightHolder: "Dateline",

		CommentsPremoderated: true,
		ReaderDataDays:       90,
	}
}

// Location resolves the site's home zone; an unknown zone falls back to UTC so a page
// still renders (Validate stops bad zones from being saved).
func (s Site) Location() *time.Location {
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Validate reports the first problem that would make the site render wrongly.
func (s Site) Validate() error {
	switch {
	case strings.TrimSpace(s.Name) == "":
		return fmt.Errorf("%w: name is required", ErrInvalid)
	case strings.TrimSpace(s.ShortName) == "":
		return fmt.Errorf("%w: short name is required", ErrInvalid)
	case strings.HasSuffix(s.BaseURL, "/"):
		return fmt.Errorf("%w: base URL must not end with a slash", ErrInvalid)
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "" {
		return fmt.Errorf("%w: unknown time zone %q", ErrInvalid, s.TimeZone)
	}
	if s.CommentsCloseDays < 0 || s.ReaderDataDays < 1 {
		return fmt.Errorf("%w: comment closing days must be 0 or more and reader data must be kept at least a day", ErrInvalid)
	}
	if _, err := ParseProxies(s.TrustedProxies); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if _, err := ParseEmbedHosts(s.EmbedHosts); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}

// Embeds are the site's extra embed providers (none if the setting cannot be read:
// Validate keeps a bad one from being saved).
func (s Site) Embeds() []EmbedHost {
	hosts, _ := ParseEmbedHosts(s.EmbedHosts)
	return hosts
}

// ParseProxies reads a comma-separated list of IP addresses and CIDR ranges.
func ParseProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is not an IP address or CIDR range", item)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// Store keeps the one row of site settings.
type Store interface {
	// Site returns the saved settings, or Default when none were saved.
	Site(ctx context.Context) (Site, error)
	// SaveSite validates and replaces the settings.
	SaveSite(ctx context.Context, s Site) error
}
