package siteimport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readGhost walks a Ghost export ({"db": [{"meta": …, "data": {…}}]}) token by
// token, so no part of it is held whole: it checks db[0].meta's version and hands
// each key of db[0].data to visit, which reads that key's value from dec.
func readGhost(open func() (io.ReadCloser, error), visit func(key string, dec *json.Decoder) error) error {
	f, err := open()
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	fail := func(err error) error {
		if errors.Is(err, ErrGhostVersion) || errors.Is(err, ErrSyntax) {
			return err
		}
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return fmt.Errorf("%w: %s (byte %d): a %s where a %s belongs", ErrSyntax, typ.Field, typ.Offset, typ.Value, typ.Type)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%w: byte %d: the file ends too soon", ErrSyntax, dec.InputOffset())
		}
		return fmt.Errorf("%w: byte %d: %v", ErrSyntax, dec.InputOffset(), err)
	}
	sawDB, sawMeta := false, false
	err = eachKey(dec, func(key string) error {
		if key != "db" || sawDB {
			return skipJSON(dec)
		}
		sawDB = true
		if err := expectDelim(dec, '['); err != nil {
			return err
		}
		for first := true; dec.More(); first = false {
			if !first {
				if err := skipJSON(dec); err != nil {
					return err
				}
				continue
			}
			if err := eachKey(dec, func(key string) error {
				switch key {
				case "meta":
					var meta struct {
						Version string `json:"version"`
					}
					if err := dec.Decode(&meta); err != nil {
						return err
					}
					sawMeta = true
					return checkGhostVersion(meta.Version)
				case "data":
					return eachKey(dec, func(key string) error { return visit(key, dec) })
				}
				return skipJSON(dec)
			}); err != nil {
				return err
			}
		}
		return expectDelim(dec, ']')
	})
	if err != nil {
		return fail(err)
	}
	if !sawDB || !sawMeta {
		return fmt.Errorf("%w: no db[0] with its meta and data", ErrGhostVersion)
	}
	return nil
}

func checkGhostVersion(version string) error {
	major, err := strconv.Atoi(strings.SplitN(version, ".", 2)[0])
	if err != nil || major < 2 || major > 6 {
		return fmt.Errorf("%w: this export says version %q", ErrGhostVersion, version)
	}
	return nil
}

// eachKey reads an object, calling fn with dec positioned at each key's value.
func eachKey(dec *json.Decoder, fn func(key string) error) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, ok := t.(string)
		if !ok {
			return fmt.Errorf("%w: byte %d: an object key is not a string", ErrSyntax, dec.InputOffset())
		}
		if err := fn(key); err != nil {
			return err
		}
	}
	return expectDelim(dec, '}')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("%w: byte %d: %q expected, found %v", ErrSyntax, dec.InputOffset(), string(want), t)
	}
	return nil
}

// skipJSON reads past the next value token by token, however large it is (a
// Ghost export's post revisions can be most of the file).
func skipJSON(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// eachGhostPost decodes the posts array one post at a time.
func eachGhostPost(dec *json.Decoder, fn func(*ghostPost) error) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	for dec.More() {
		var gp ghostPost
		if err := dec.Decode(&gp); err != nil {
			return err
		}
		if err := fn(&gp); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

// decodeGhostData keeps the data keys the import uses and skips the rest.
func decodeGhostData(key string, dec *json.Decoder, data *ghostData) error {
	var into any
	switch key {
	case "posts_meta":
		into = &data.Meta
	case "tags":
		into = &data.Tags
	case "posts_tags":
		into = &data.PostsTags
	case "users":
		into = &data.Users
	case "posts_authors":
		into = &data.PostsAuthors
	case "settings":
		into = &data.Settings
	default:
		return skipJSON(dec)
	}
	return dec.Decode(into)
}
