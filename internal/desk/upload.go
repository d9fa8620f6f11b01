package desk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"path"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // decode WebP uploads

	"dateline/internal/auth"
	"dateline/internal/media"
	"dateline/internal/people"
)

// Upload limits. A newsroom photo is rarely over a few megabytes; the pixel limit
// stops decompression bombs that are small on the wire.
const (
	MaxUploadBytes = 15 << 20
	MaxPixels      = 50_000_000
	MinSide        = 200
)

// variantWidths are the responsive sizes made for every photo wider than them.
var variantWidths = []int{480, 960, 1600}

// Upload is a photo and the words that go with it.
type Upload struct {
	Body    io.Reader
	Alt     string
	Caption string
	Credit  string
}

// AddPhoto checks, stores and resizes an uploaded photo. The content decides the
// type (the file name and the client's header are ignored).
func (d *Desk) AddPhoto(ctx context.Context, a Actor, u Upload) (media.Media, error) {
	if !a.Person.Can(people.ActUploadMedia) {
		return media.Media{}, ErrForbidden
	}
	bad := FieldErrors{}
	u.Alt, u.Caption, u.Credit = strings.TrimSpace(u.Alt), strings.TrimSpace(u.Caption), strings.TrimSpace(u.Credit)
	if u.Alt == "" {
		bad["alt"] = "describe the photo for people who cannot see it"
	}
	if u.Caption == "" {
		bad["caption"] = "required"
	}
	if u.Credit == "" {
		bad["credit"] = "required"
	}
	data, err := io.ReadAll(io.LimitReader(u.Body, MaxUploadBytes+1))
	if err != nil {
		return media.Media{}, fmt.Errorf("desk: read upload: %w", err)
	}
	if len(data) > MaxUploadBytes {
		bad["file"] = fmt.Sprintf("the file is larger than %d MB", MaxUploadBytes>>20)
	}
	// The content decides the type: image.DecodeConfig recognises the format from
	// the bytes, whatever the file is called.
	var cfg image.Config
	var ctype, ext string
	if len(data) == 0 {
		bad["file"] = "choose a photo to upload"
	} else if bad["file"] == "" {
		var format string
		cfg, format, err = image.DecodeConfig(bytes.NewReader(data))
		ctype, ext = map[string]string{"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}[format], "."+format
		switch {
		case err != nil && errors.Is(err, image.ErrFormat):
			bad["file"] = "the file is not a JPEG, PNG, GIF or WebP image"
		case err != nil:
			bad["file"] = "the image is damaged and cannot be read"
		case cfg.Width*cfg.Height > MaxPixels:
			bad["file"] = fmt.Sprintf("the image has more than %d megapixels", MaxPixels/1_000_000)
		case cfg.Width < MinSide || cfg.Height < MinSide:
			bad["file"] = fmt.Sprintf("the image is smaller than %d×%d pixels", MinSide, MinSide)
		}
		if ext == ".jpeg" {
			ext = ".jpg"
		}
	}
	if len(bad) > 0 {
		return media.Media{}, bad
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return media.Media{}, FieldErrors{"file": "the image is damaged and cannot be read"}
	}
	secret, _ := auth.NewSecret()
	now := d.Now().UTC()
	m := media.Media{FileName: path.Join("uploads", now.Format("2006/01"), strings.ToLower(secret[:16])+ext), ContentType: ctype,
		Size: int64(len(data)), Width: cfg.Width, Height: cfg.Height, Alt: u.Alt, Caption: u.Caption, Credit: u.Credit}
	if err := d.Blobs.Put(m.FileName, bytes.NewReader(data)); err != nil {
		return m, err
	}
	for _, w := range variantWidths {
		if w >= cfg.Width {
			break
		}
		if err := d.Blobs.Put(m.VariantName(w), bytes.NewReader(resize(img, w, ctype))); err != nil {
			return m, err
		}
		m.Variants = append(m.Variants, w)
	}
	if err := d.Store.CreateMedia(ctx, &m); err != nil {
		return m, err
	}
	return m, d.audit(ctx, a, "media.upload", 0, fmt.Sprintf("media %d %s", m.ID, m.FileName))
}

// resize scales img to width, keeping its proportions, and encodes it like the original.
func resize(img image.Image, width int, ctype string) []byte {
	b := img.Bounds()
	height := max(1, b.Dy()*width/b.Dx())
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var buf bytes.Buffer
	switch ctype {
	case "image/png":
		png.Encode(&buf, dst)
	case "image/gif":
		gif.Encode(&buf, dst, nil)
	default: // JPEG, and WebP (Go has no WebP encoder)
		jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82})
	}
	return buf.Bytes()
}
