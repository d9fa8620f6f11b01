package wire

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// decoded is a document turned into UTF-8, with what was learnt on the way.
type decoded struct {
	data []byte
	// legacy is true when the bytes were, or claimed to be, Latin-1 or Windows-1252,
	// or declared nothing: C1 control characters in them are cp1252's punctuation.
	legacy   bool
	warnings []string
}

// The byte order marks of the Unicode encodings, longest first (UTF-32LE's starts
// like UTF-16LE's).
var boms = []struct {
	mark []byte
	enc  encoding.Encoding
	name string
}{
	{[]byte{0x00, 0x00, 0xFE, 0xFF}, utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM), "UTF-32BE"},
	{[]byte{0xFF, 0xFE, 0x00, 0x00}, utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM), "UTF-32LE"},
	{[]byte{0xFE, 0xFF}, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE"},
	{[]byte{0xFF, 0xFE}, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE"},
}

// Without a mark, an XML document's first character "<" shows its encoding.
var unmarked = []struct {
	start []byte
	enc   encoding.Encoding
}{
	{[]byte{0, 0, 0, '<'}, utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)},
	{[]byte{'<', 0, 0, 0}, utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)},
	{[]byte{0, '<'}, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
	{[]byte{'<', 0}, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
}

var xmlDeclEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']`)

// toUTF8 reads a document of agency copy in whatever encoding it came in: UTF-16
// and UTF-32 (marked or recognised by the leading "<"), an XML declaration's
// encoding (the legacy CJK ones included), and, for undeclared bytes that are not
// UTF-8, Windows-1252. The result is UTF-8 with any XML declaration's encoding
// removed, so parsers read it as it is.
func toUTF8(data []byte) (decoded, error) {
	for _, b := range boms {
		if bytes.HasPrefix(data, b.mark) {
			out, err := b.enc.NewDecoder().Bytes(data)
			if err != nil {
				return decoded{}, fmt.Errorf("not valid %s: %w", b.name, err)
			}
			return decoded{data: dropDeclaredEncoding(out)}, nil
		}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	for _, u := range unmarked {
		if bytes.HasPrefix(data, u.start) {
			out, err := u.enc.NewDecoder().Bytes(data)
			if err != nil {
				return decoded{}, fmt.Errorf("not valid UTF-16 or UTF-32: %w", err)
			}
			return decoded{data: dropDeclaredEncoding(out)}, nil
		}
	}
	declared := ""
	if m := xmlDeclEncoding.FindSubmatch(data[:min(len(data), 512)]); m != nil {
		declared = strings.ToLower(strings.TrimSpace(string(m[1])))
	}
	switch declared {
	case "", "utf-8", "utf8":
		if utf8.Valid(data) {
			return decoded{data: data, legacy: declared == ""}, nil
		}
		out, _ := charmap.Windows1252.NewDecoder().Bytes(data) // every byte decodes
		where := "undeclared"
		if declared != "" {
			where = "declared UTF-8"
		}
		return decoded{data: dropDeclaredEncoding(out), legacy: true,
			warnings: []string{fmt.Sprintf("the copy was %s but not UTF-8 (byte %d); it was read as Windows-1252", where, invalidAt(data))}}, nil
	case "utf-16", "utf-16le", "utf-16be", "utf-32":
		return decoded{}, fmt.Errorf("declared %s but has no byte order mark and does not start with \"<\"", declared)
	}
	enc, err := lookupEncoding(declared)
	if err != nil {
		return decoded{}, err
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return decoded{}, fmt.Errorf("not valid %s: %w", declared, err)
	}
	legacy := enc == charmap.Windows1252 || enc == charmap.ISO8859_1
	return decoded{data: dropDeclaredEncoding(out), legacy: legacy}, nil
}

// lookupEncoding finds an encoding by the names the web uses (which read
// "iso-8859-1" as Windows-1252 and "gb2312" as GBK, as browsers do), then by IANA's.
func lookupEncoding(label string) (encoding.Encoding, error) {
	if enc, err := htmlindex.Get(label); err == nil && enc != nil {
		return enc, nil
	}
	if enc, err := ianaindex.IANA.Encoding(label); err == nil && enc != nil {
		return enc, nil
	}
	return nil, fmt.Errorf("unsupported character encoding %q", label)
}

// dropDeclaredEncoding removes the encoding from an XML declaration of a document
// already turned into UTF-8.
func dropDeclaredEncoding(data []byte) []byte {
	m := xmlDeclEncoding.FindSubmatchIndex(data[:min(len(data), 512)])
	if m == nil {
		return data
	}
	// Replace the declared name with UTF-8, keeping the rest of the declaration.
	out := make([]byte, 0, len(data))
	out = append(out, data[:m[2]]...)
	out = append(out, "UTF-8"...)
	return append(out, data[m[3]:]...)
}

// charsetReader is for XML decoders meeting a declaration toUTF8 did not remove.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	if l := strings.ToLower(label); l == "utf-8" || l == "utf8" {
		return in, nil
	}
	enc, err := lookupEncoding(label)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(in), nil
}
