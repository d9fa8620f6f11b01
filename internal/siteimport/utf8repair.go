package siteimport

import (
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// utf8Repair passes UTF-8 through and reads each byte that is not part of a valid
// UTF-8 sequence as Windows-1252, the usual truth about a file that declares UTF-8
// but was written by an old Latin-1 database. It counts what it repaired. After
// the XML declaration names another charset (declared), the decoder's own charset
// reader takes the bytes and nothing is repaired here.
type utf8Repair struct {
	r        io.Reader
	declared string
	pending  []byte // bytes read but not yet returned
	carry    []byte // an incomplete sequence at the end of the last read
	eof      bool
	started  bool
	repaired int
}

func (u *utf8Repair) Read(p []byte) (int, error) {
	for len(u.pending) == 0 {
		if u.eof {
			return 0, io.EOF
		}
		buf := make([]byte, 32<<10)
		n, err := u.r.Read(buf)
		chunk := append(append(make([]byte, 0, len(u.carry)+n), u.carry...), buf[:n]...)
		u.carry = nil
		if err == io.EOF {
			u.eof = true
		} else if err != nil {
			return 0, err
		}
		if !u.started {
			u.started = true
			u.declared = declaredCharset(chunk)
		}
		if u.declared != "" && u.declared != "utf-8" && u.declared != "utf8" {
			u.pending = chunk
			continue
		}
		u.pending = u.fix(chunk)
	}
	n := copy(p, u.pending)
	u.pending = u.pending[n:]
	return n, nil
}

// declaredCharset is the encoding an XML declaration at the start of b names,
// lower-cased, or "".
func declaredCharset(b []byte) string {
	head := string(b[:min(len(b), 256)])
	if !strings.HasPrefix(strings.TrimPrefix(head, "\ufeff"), "<?xml") {
		return ""
	}
	end := strings.Index(head, "?>")
	if end < 0 {
		return ""
	}
	_, rest, ok := strings.Cut(head[:end], "encoding=")
	if !ok || len(rest) < 2 {
		return ""
	}
	name, _, _ := strings.Cut(rest[1:], rest[:1])
	return strings.ToLower(name)
}

// fix repairs chunk, keeping back a sequence cut by the chunk's end unless the
// input is over.
func (u *utf8Repair) fix(chunk []byte) []byte {
	if utf8.Valid(chunk) {
		return chunk
	}
	out := make([]byte, 0, len(chunk)+16)
	for i := 0; i < len(chunk); {
		r, size := utf8.DecodeRune(chunk[i:])
		if r != utf8.RuneError || size > 1 {
			out = append(out, chunk[i:i+size]...)
			i += size
			continue
		}
		if !u.eof && !utf8.FullRune(chunk[i:]) {
			u.carry = append(u.carry, chunk[i:]...)
			break
		}
		out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(chunk[i]))
		u.repaired++
		i++
	}
	return out
}
