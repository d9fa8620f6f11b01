package siteimport

import (
	"errors"
	"io"
)

// ErrGhostNotYet refuses Ghost exports until their reader is built.
var ErrGhostNotYet = errors.New("importing a Ghost export is not built yet; only WordPress exports (WXR) are imported")

// Ghost reads a Ghost export for Run. Not built yet: it refuses every file.
func Ghost(func() (io.ReadCloser, error)) (*Export, []Warning, error) {
	return nil, nil, ErrGhostNotYet
}
