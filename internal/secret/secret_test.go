package secret

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadMakesAPrivateKeyFileOnce(t *testing.T) {
	dir := t.TempDir()
	legacy := strings.Repeat("ab", 32)
	k, created, err := Load(Source{DataDir: dir, Legacy: func() (string, error) { return legacy, nil }})
	if err != nil || !created {
		t.Fatalf("first load: %v, created %v", err, created)
	}
	info, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v", err, info.Mode())
	}
	// The database's old secret moved into the file, so old signatures still verify.
	old, _ := New(legacy, "")
	if !k.Verify("form", "x", old.Sign("form", "x")) {
		t.Fatal("the legacy secret did not become the key")
	}
	again, created, err := Load(Source{DataDir: dir, Legacy: func() (string, error) { t.Fatal("legacy read twice"); return "", nil }})
	if err != nil || created || again.Sign("p", "m") != k.Sign("p", "m") {
		t.Fatalf("second load: %v, created %v", err, created)
	}
	// A key file others can read is refused.
	os.Chmod(filepath.Join(dir, FileName), 0o644)
	if _, _, err := Load(Source{DataDir: dir}); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("world-readable key file: %v", err)
	}
	if _, _, err := Load(Source{Key: "short"}); err == nil {
		t.Fatal("a short key was accepted")
	}
}

func TestRotationAndPurposes(t *testing.T) {
	oldKey, newKey := Generate(), Generate()
	before, _ := New(oldKey, "")
	during, _ := New(newKey, oldKey)
	after, _ := New(newKey, "")
	sig := before.Sign("form", "1700000000")
	if !during.Verify("form", "1700000000", sig) {
		t.Fatal("the previous key's signature is refused during the rotation")
	}
	if after.Verify("form", "1700000000", sig) {
		t.Fatal("the old key's signature still verifies after the rotation")
	}
	if during.Verify("link", "1700000000", sig) {
		t.Fatal("a signature made for one purpose verifies for another")
	}
}

func TestAddressKeysChangeEveryWindow(t *testing.T) {
	k := Random()
	day := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	a := k.AddressKey("signin", "203.0.113.9", day)
	if strings.Contains(a, "203.0.113.9") || a != k.AddressKey("signin", "203.0.113.9", day.Add(time.Hour)) {
		t.Fatalf("address key %q: holds the address, or is unstable within its window", a)
	}
	if a == k.AddressKey("signin", "203.0.113.9", day.Add(AddressWindow)) {
		t.Fatal("the address key did not change with the window")
	}
	if a == k.AddressKey("letters", "203.0.113.9", day) || a == Random().AddressKey("signin", "203.0.113.9", day) {
		t.Fatal("address keys collide across purposes or secrets")
	}
}
