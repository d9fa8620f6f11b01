package secret

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// FileName is the key file made in the data directory of a site with no key given.
const FileName = "secret.key"

// Source says where the key comes from.
type Source struct {
	Key      string // DATELINE_SECRET_KEY
	Previous string // DATELINE_SECRET_KEY_PREVIOUS: the old key during a rotation
	File     string // --secret-key-file: first line the key, an optional second line the previous key
	DataDir  string // where FileName is made when neither is given
	// Legacy returns the secret an older Dateline kept in the database ("" if none),
	// so a site that moves its key out keeps its signatures and address hashes valid.
	Legacy func() (string, error)
}

// Load reads the key from the environment, a key file, or the data directory's key
// file, making that one (mode 0600, from the legacy secret when there is one) on
// first start. created reports that it was made now.
func Load(src Source) (k *Keys, created bool, err error) {
	switch {
	case src.Key != "":
		k, err = New(src.Key, src.Previous)
		if err != nil {
			return nil, false, fmt.Errorf("DATELINE_SECRET_KEY: %w", err)
		}
		return k, false, nil
	case src.File != "":
		k, err = readFile(src.File, src.Previous)
		return k, false, err
	case src.DataDir == "":
		return nil, false, errors.New("no secret key: set DATELINE_SECRET_KEY or --secret-key-file")
	}
	path := filepath.Join(src.DataDir, FileName)
	if k, err = readFile(path, src.Previous); !errors.Is(err, fs.ErrNotExist) {
		return k, false, err
	}
	key := ""
	if src.Legacy != nil {
		if key, err = src.Legacy(); err != nil {
			return nil, false, err
		}
	}
	if len(key) < MinLength {
		key = Generate()
	}
	if err := writeNew(path, key); err != nil {
		return nil, false, err
	}
	k, err = readFile(path, src.Previous) // another process may have made it first
	return k, err == nil, err
}

func readFile(path, previous string) (*Keys, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("secret key file %s is readable by others (mode %o): chmod 600 it", path, info.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 1 && previous == "" {
		previous = lines[1]
	}
	k, err := New(lines[0], previous)
	if err != nil {
		return nil, fmt.Errorf("secret key file %s: %w", path, err)
	}
	return k, nil
}

// writeNew creates path with the key, readable by its owner only, failing if it exists
// (two processes starting at once keep the first one's key).
func writeNew(path, key string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("make secret key file: %w", err)
	}
	if _, err := f.WriteString(key + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("make secret key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
