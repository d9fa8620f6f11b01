package siteimport

import (
	"io"
)

// Ghost reads a Ghost export for Run.
func Ghost(open func() (io.ReadCloser, error)) (*Export, []Warning, error) {
	return nil, nil, ErrSyntax
}
