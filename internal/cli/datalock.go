package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockName is the file in a data directory that a running server holds a shared lock
// on, and that commands replacing the database file must lock alone.
const lockName = ".dateline.lock"

// errInUse refuses to replace a database a server has open: SQLite would keep
// writing to the deleted file, and every change until its restart would be lost.
var errInUse = errors.New("a Dateline server is using this data directory: stop it first (restore replaces the database file)")

// dataLock is a held lock on a data directory; Release lets it go.
type dataLock struct{ f *os.File }

// lockData takes the data directory's lock: shared for a server (several may serve
// one directory), exclusive for a command that replaces the database. It never
// waits: a conflict is an error at once.
func lockData(dir string, exclusive bool) (*dataLock, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock data directory: %w", err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			if exclusive {
				return nil, errInUse
			}
			return nil, errors.New("a restore is replacing the database in this data directory: wait for it to finish")
		}
		return nil, fmt.Errorf("lock data directory: %w", err)
	}
	return &dataLock{f: f}, nil
}

// Release lets the lock go (the kernel also drops it when the process ends, even
// after kill -9, so a crashed server never blocks a restore).
func (l *dataLock) Release() { l.f.Close() }
