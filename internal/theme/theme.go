// Package theme holds the public site's templates and static files. The default theme
// is embedded in the binary; a site may override any file by putting one with the same
// name in its theme directory.
package theme

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"os"
	"path"
	"strings"
	"sync"
)

//go:embed templates/*.html static/* labels/*.json
var embedded embed.FS

// pages are the page templates; each is parsed with the layout and partials.
var pages = []string{"story", "front", "person", "error", "notice", "contact", "search", "page"}

// Theme is a parsed set of page templates, in every language it has labels for,
// and fingerprinted static files.
type Theme struct {
	pages  map[string]map[string]*template.Template // by language, then page
	labels map[string]Labels                        // by lower-case language tag
	assets map[string]Asset                         // by fingerprinted name
	urls   map[string]string                        // plain name → "/static/name.hash.ext"
}

// Asset is a static file ready to serve.
type Asset struct {
	Name        string
	ContentType string
	Body        []byte
}

// Load parses the theme, layering overrideDir (if it exists) over the embedded default.
// funcs are extra template functions the pages use; they are bound at parse time.
func Load(overrideDir string, funcs template.FuncMap) (*Theme, error) {
	return load(overrideDir, funcs, true)
}

// load parses the theme; fold writes the labels into the templates (see foldLabels).
func load(overrideDir string, funcs template.FuncMap, fold bool) (*Theme, error) {
	fsys := fs.FS(embedded)
	if overrideDir != "" {
		if st, err := os.Stat(overrideDir); err == nil && st.IsDir() {
			fsys = layered{top: os.DirFS(overrideDir), bottom: embedded}
		}
	}
	t := &Theme{pages: map[string]map[string]*template.Template{}, assets: map[string]Asset{}, urls: map[string]string{}}
	if err := t.loadAssets(fsys); err != nil {
		return nil, err
	}
	labels, err := loadLabels(fsys)
	if err != nil {
		return nil, err
	}
	t.labels = labels
	for lang, l := range labels {
		// Each language gets its own parse, with the label functions bound to it:
		// templates say {{t "to_top"}} whatever the dot is.
		all := template.FuncMap{"asset": t.AssetURL, "t": l.T, "tn": l.N, "tlink": l.Link,
			"server_begin": func() template.HTML { return ServerBegin }, "server_end": func() template.HTML { return ServerEnd }}
		for k, v := range funcs {
			all[k] = v
		}
		t.pages[lang] = map[string]*template.Template{}
		for _, page := range pages {
			tmpl, err := template.New("layout.html").
				Funcs(all).
				ParseFS(fsys, "templates/layout.html", "templates/partials.html", "templates/"+page+".html")
			if err != nil {
				return nil, fmt.Errorf("theme: page %s: %w", page, err)
			}
			if fold {
				foldLabels(tmpl, l)
			}
			t.pages[lang][page] = tmpl
		}
	}
	return t, nil
}

func (t *Theme) loadAssets(fsys fs.FS) error {
	names, err := fs.Glob(fsys, "static/*")
	if err != nil {
		return err
	}
	for _, name := range names {
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		base := path.Base(name)
		sum := sha256.Sum256(body)
		ext := path.Ext(base)
		hashed := strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		t.assets[hashed] = Asset{Name: hashed, ContentType: ctype, Body: body}
		t.urls[base] = "/static/" + hashed
	}
	return nil
}

// AssetURL returns the fingerprinted URL of a static file, e.g. "/static/site.3f2a.css".
func (t *Theme) AssetURL(name string) (string, error) {
	u, ok := t.urls[name]
	if !ok {
		return "", fmt.Errorf("theme: no static file %q", name)
	}
	return u, nil
}

// Asset returns a static file by its fingerprinted name.
func (t *Theme) Asset(name string) (Asset, bool) {
	a, ok := t.assets[name]
	return a, ok
}

// Render executes a page into w with the labels of lang (see Labels for the
// fallbacks). The page is rendered into a buffer first, so a template error never
// leaves half a page on the wire.
func (t *Theme) Render(w io.Writer, lang, page string, data any) error {
	tmpl, ok := t.pages[t.Labels(lang).key()][page]
	if !ok {
		return fmt.Errorf("theme: no page %q", page)
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			renderBuffers.Put(buf)
		}
	}()
	if err := tmpl.Execute(buf, data); err != nil {
		return fmt.Errorf("theme: render %s: %w", page, err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// renderBuffers are reused between renders: a page grown into a new buffer each
// time was a sixth of what a cold page allocated, all of it garbage at once.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer keeps an unusually large page's buffer out of the pool.
const maxPooledBuffer = 1 << 20

// layered serves files from top when present there, else from bottom.
type layered struct{ top, bottom fs.FS }

func (l layered) Open(name string) (fs.File, error) {
	f, err := l.top.Open(name)
	if err == nil {
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return l.bottom.Open(name)
}

// Glob lists the union of both layers, so an override may add new static files.
func (l layered) Glob(pattern string) ([]string, error) {
	a, _ := fs.Glob(l.top, pattern)
	b, err := fs.Glob(l.bottom, pattern)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, n := range append(a, b...) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}

// ServerBegin and ServerEnd mark the parts of a page that need a live server (the
// search form, the letters form): a static export writes its own version of them
// (a link to the live site, or nothing), so an exported page is the live page's
// bytes outside these marks.
const (
	ServerBegin template.HTML = "<!--server-->"
	ServerEnd   template.HTML = "<!--/server-->"
)
