package desk

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io"
	"path"
	"strings"
	"time"

	_ "golang.org/x/image/webp" // decode WebP uploads
	"golang.org/x/sync/semaphore"

	"dateline/internal/event"
	"dateline/internal/media"
	"dateline/internal/people"
)

// Upload limits. News cameras shoot 45–61 megapixels; the pixel limit, read from the
// file's header before any pixel is decoded, stops decompression bombs that are small
// on the wire.
const (
	MaxUploadBytes = 50 << 20
	MaxPixels      = 100_000_000
	MinSide        = 200
)

// DefaultDecodeBudget is the memory photo decoding may take at once on a node when
// Desk.DecodeBudget is not set: parallel uploads queue for it instead of exhausting
// memory (a 100-megapixel photo takes all of it, and waits for the others).
const DefaultDecodeBudget = 768 << 20

// ErrPhotosBusy is returned when a photo could not be admitted to decoding within
// photoWait: the upload may be sent again.
var ErrPhotosBusy = errors.New("too many photos are being processed; please try again in a moment")

const photoWait = 2 * time.Minute

func (d *Desk) pixelLimit() int64 {
	if d.MaxPixels > 0 {
		return d.MaxPixels
	}
	return MaxPixels
}

// decodeCost is the memory a photo of cfg's size needs while it is decoded, turned
// upright and resized: two full RGBA copies.
func decodeCost(cfg image.Config) int64 { return int64(cfg.Width) * int64(cfg.Height) * 8 }

// admit waits for room in the node's decoding budget; release gives it back. A photo
// costing more than the whole budget takes all of it.
func (d *Desk) admit(ctx context.Context, cost int64) (release func(), err error) {
	d.budgetOnce.Do(func() {
		if d.DecodeBudget <= 0 {
			d.DecodeBudget = DefaultDecodeBudget
		}
		d.budget = semaphore.NewWeighted(d.DecodeBudget)
	})
	cost = min(cost, d.DecodeBudget)
	ctx, cancel := context.WithTimeout(ctx, photoWait)
	defer cancel()
	if err := d.budget.Acquire(ctx, cost); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrPhotosBusy, err)
	}
	return func() { d.budget.Release(cost) }, nil
}

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
	var ctype string
	if len(data) == 0 {
		bad["file"] = "choose a photo to upload"
	} else if bad["file"] == "" {
		var format string
		cfg, format, err = image.DecodeConfig(bytes.NewReader(data))
		ctype = map[string]string{"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}[format]
		switch {
		case err != nil && errors.Is(err, image.ErrFormat):
			bad["file"] = "the file is not a JPEG, PNG, GIF or WebP image"
		case err != nil:
			bad["file"] = "the image is damaged and cannot be read"
		case int64(cfg.Width)*int64(cfg.Height) > d.pixelLimit():
			bad["file"] = fmt.Sprintf("the image has more than %d megapixels", d.pixelLimit()/1_000_000)
		case cfg.Width < MinSide || cfg.Height < MinSide:
			bad["file"] = fmt.Sprintf("the image is smaller than %d×%d pixels", MinSide, MinSide)
		}
	}
	if len(bad) > 0 {
		return media.Media{}, bad
	}
	m := media.Media{Alt: u.Alt, Caption: u.Caption, Credit: u.Credit, Clean: true}
	name := make([]byte, 8)
	rand.Read(name) // hex: a file name never starts with "-"
	m.FileName = path.Join("uploads", d.Now().UTC().Format("2006/01"), hex.EncodeToString(name))
	if err := d.storeClean(ctx, &m, data, cfg, ctype); err != nil {
		return m, err
	}
	return m, d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.CreateMedia(ctx, &m); err != nil {
			return err
		}
		return d.audit(ctx, a, event.MediaUpload, 0, fmt.Sprintf("media %d %s", m.ID, m.FileName))
	})
}

// storeClean decodes a photo within the node's budget, turns it upright, and stores
// it as pixels only under m.FileName (given its extension here when it has none)
// with its resized copies, filling in m's type, size, dimensions and copies.
func (d *Desk) storeClean(ctx context.Context, m *media.Media, data []byte, cfg image.Config, ctype string) error {
	release, err := d.admit(ctx, decodeCost(cfg))
	if err != nil {
		return err
	}
	defer release()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return FieldErrors{"file": "the image is damaged and cannot be read"}
	}
	if ctype == "image/jpeg" {
		img = upright(img, exifOrientation(data))
	}
	clean, ctype, err := encodeClean(img, ctype)
	if err != nil {
		return fmt.Errorf("desk: encode photo: %w", err)
	}
	if path.Ext(m.FileName) == "" {
		m.FileName += map[string]string{"image/png": ".png", "image/gif": ".gif", "image/jpeg": ".jpg"}[ctype]
	}
	b := img.Bounds()
	m.ContentType, m.Size, m.Width, m.Height, m.Variants = ctype, int64(len(clean)), b.Dx(), b.Dy(), nil
	if err := d.Blobs.Put(m.FileName, bytes.NewReader(clean)); err != nil {
		return err
	}
	if err := media.MakeVariants(img, m, d.Blobs); err != nil {
		return err
	}
	return media.MakeCrops(img, m, d.Blobs)
}

// CleanStoredPhotos re-stores, as pixels only and upright, the photos kept before
// metadata was stripped (their EXIF may hold a GPS position or a camera's serial
// number), under the same names, and reports how many it cleaned. A file that cannot
// be read or decoded is left as it is and logged by the caller through the error
// list; the rest go on.
func (d *Desk) CleanStoredPhotos(ctx context.Context) (cleaned int, problems []error) {
	for {
		list, err := d.Store.UncleanMedia(ctx, 50)
		if err != nil {
			return cleaned, append(problems, err)
		}
		progressed := false
		for _, m := range list {
			if err := d.cleanStored(ctx, m); err != nil {
				problems = append(problems, fmt.Errorf("media %d (%s): %w", m.ID, m.FileName, err))
				continue
			}
			cleaned++
			progressed = true
		}
		if len(list) < 50 || !progressed {
			return cleaned, problems
		}
	}
}

func (d *Desk) cleanStored(ctx context.Context, m media.Media) error {
	f, err := d.Blobs.Open(m.FileName)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxUploadBytes+1))
	f.Close()
	if err != nil {
		return err
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return err
	}
	if int64(cfg.Width)*int64(cfg.Height) > d.pixelLimit() {
		return fmt.Errorf("more than %d megapixels", d.pixelLimit()/1_000_000)
	}
	if err := d.storeClean(ctx, &m, data, cfg, "image/"+format); err != nil {
		return err
	}
	return d.Store.MarkMediaClean(ctx, m)
}
