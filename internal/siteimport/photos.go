package siteimport

// Photos: brought into the library once each, found again by the converter.

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"dateline/internal/desk"
)

// sizeSuffix is WordPress's resized copy's "-300x200" before the extension.
var sizeSuffix = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)

// ghostSize is the folder of Ghost's resized copies: content/images/size/w600/….
var ghostSize = regexp.MustCompile(`^size/w\d+/`)

// photoKey is the part of a photo's address that names it whatever the size:
// "2019/05/quay.jpg" for ".../wp-content/uploads/2019/05/quay-300x200.jpg".
func photoKey(u string) string {
	u, _, _ = strings.Cut(u, "?")
	if i := strings.Index(u, "/uploads/"); i >= 0 {
		u = u[i+len("/uploads/"):]
	} else if i := strings.Index(u, "/content/images/"); i >= 0 {
		u = u[i+len("/content/images/"):]
		u = ghostSize.ReplaceAllString(u, "")
	} else if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	return sizeSuffix.ReplaceAllString(u, "$1")
}

// media brings the photos into the library, one transaction each (files are
// written and decoded), skipping those imported before.
func (im *importer) media(ctx context.Context) error {
	done, err := im.opts.Reads.ImportLinks(ctx, im.ex.Source, string(KindMedia))
	if err != nil {
		return err
	}
	for _, a := range im.ex.Attachments {
		ext := strings.ToLower(path.Ext(strings.SplitN(a.URL, "?", 2)[0]))
		if ext != ".jpg" && ext != ".jpeg" && ext != ".png" && ext != ".gif" && ext != ".webp" {
			im.report.skip("attachment that is not a photo ("+ext+")", 1)
			continue
		}
		im.byURL[photoKey(a.URL)] = a.Key
		if l, ok := done[a.Key]; ok {
			im.photos[a.Key] = l.NewID
			im.report.count(KindMedia, desk.ImportUnchanged)
			continue
		}
		where := "attachment " + a.Key
		body, err := im.openPhoto(ctx, a)
		if err != nil {
			im.report.warn(Warning{Code: WarnMissingFile, Where: where, Detail: err.Error()})
			continue
		}
		if im.opts.DryRun {
			body.Close()
			im.photos[a.Key] = dryRunPhoto
			im.report.count(KindMedia, desk.ImportCreated)
			continue
		}
		alt := strings.TrimSpace(a.Alt)
		if alt == "" {
			alt = firstNonEmpty(html.UnescapeString(a.Title), "Photo")
			im.report.warn(Warning{Code: WarnNoAltText, Where: where, Detail: "its title is used: " + alt})
		}
		up := desk.Upload{Body: body, Alt: alt, Caption: firstNonEmpty(plain(a.Caption), html.UnescapeString(a.Title), alt),
			Credit: firstNonEmpty(a.Credit, "Archive")}
		var old []string
		if p := sitePath(strings.Replace(a.URL, ghostURL, "", 1), im.ex.BaseURL); p != "" {
			old = []string{p}
		}
		m, outcome, err := im.opts.Desk.ImportPhoto(ctx, im.opts.Actor, im.link(KindMedia, a.Key, a), up, old)
		body.Close()
		var bad desk.FieldErrors
		if errors.As(err, &bad) {
			im.report.warn(Warning{Code: WarnMediaRefused, Where: where, Detail: bad.Error()})
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		im.photos[a.Key] = m.ID
		im.report.count(KindMedia, outcome)
	}
	return nil
}

// openPhoto opens a photo from the local uploads copy, else (when allowed) from
// its old address.
func (im *importer) openPhoto(ctx context.Context, a Attachment) (io.ReadCloser, error) {
	u := a.URL
	if im.opts.Uploads != "" {
		rel, _, _ := strings.Cut(u, "?")
		for _, marker := range []string{"/wp-content/uploads/", "/uploads/", "/content/images/"} {
			if i := strings.Index(rel, marker); i >= 0 {
				rel = rel[i+len(marker):]
				break
			}
		}
		if a.File != "" { // the export's own record of the path
			rel = a.File
		}
		name := filepath.Join(im.opts.Uploads, filepath.FromSlash(path.Clean("/"+rel)))
		f, err := os.Open(name)
		if err == nil {
			return f, nil
		}
		if im.opts.Fetch == nil {
			return nil, fmt.Errorf("not in %s (%s)", im.opts.Uploads, path.Clean("/" + rel)[1:])
		}
	}
	if im.opts.Fetch == nil {
		return nil, errors.New("no --uploads folder or --fetch-media given for " + u)
	}
	return im.opts.Fetch(ctx, u)
}

// dryRunPhoto stands, in a dry run, for a photo a real run would import.
const dryRunPhoto = -1

// resolve finds an imported photo for the converter (dryRunPhoto in a dry run).
func (im *importer) resolve(key, src string) int64 {
	if key == "" || im.photos[key] == 0 {
		key = im.byURL[photoKey(src)]
	}
	return im.photos[key]
}
