package settings

import (
	"fmt"
	"regexp"
	"strings"
)

// EmbedHost is a provider an admin allows besides the built-in ones: a link on
// its host, on a line of its own in a story, loads the link itself in a frame
// when the reader asks.
type EmbedHost struct {
	Name string // shown: "City Council video"
	Host string // "video.council.example"
}

var hostPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)

// ParseEmbedHosts reads one provider a line, "Name = host"; blank lines are skipped.
func ParseEmbedHosts(text string) ([]EmbedHost, error) {
	var out []EmbedHost
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, host, ok := strings.Cut(line, "=")
		name, host = strings.TrimSpace(name), strings.ToLower(strings.TrimSpace(host))
		if !ok || name == "" || len(name) > 60 || !hostPattern.MatchString(host) {
			return nil, fmt.Errorf("embed provider line %d: write a name, \"=\", then a host name such as video.example.org", i+1)
		}
		out = append(out, EmbedHost{Name: name, Host: host})
	}
	if len(out) > 50 {
		return nil, fmt.Errorf("at most 50 embed providers")
	}
	return out, nil
}
