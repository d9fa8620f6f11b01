package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestCacheSizes(t *testing.T) {
	for in, want := range map[string]int{"64MiB": 64 << 20, "64MB": 64_000_000, "256M": 256 << 20, "1GiB": 1 << 30, "1.5GB": 1_500_000_000,
		"1048576": 1 << 20, "32 MiB": 32 << 20, "512KiB": 512 << 10} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "lots", "-5MB", "64 parsecs", "9999999GB"} {
		if _, err := parseBytes(bad); err == nil {
			t.Errorf("parseBytes(%q) took it", bad)
		}
	}
}

// serve refuses a cache size it cannot read or that is too small, saying why; the
// memory limit it sets follows the cache size unless GOMEMLIMIT is set.
func TestServeCacheSize(t *testing.T) {
	for _, bad := range []string{"lots", "10KB"} {
		code, _, errOut := run(t, nil, "serve", "--data", t.TempDir(), "--cache-size", bad)
		if code != 1 || !strings.Contains(errOut, "--cache-size") {
			t.Errorf("--cache-size %s: exit %d, %s", bad, code, errOut)
		}
	}
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	prev := setMemoryLimit(Env{Getenv: func(string) string { return "" }}, 64<<20)
	if got := debug.SetMemoryLimit(-1); got != 64<<20+memoryHeadroom || prev != before {
		t.Errorf("limit %d after a 64MiB cache, previous %d", got, prev)
	}
	setMemoryLimit(Env{Getenv: func(k string) string { return map[string]string{"GOMEMLIMIT": "1GiB"}[k] }}, 64<<20)
	if got := debug.SetMemoryLimit(-1); got != 64<<20+memoryHeadroom {
		t.Errorf("GOMEMLIMIT set: the limit moved to %d", got)
	}
}
