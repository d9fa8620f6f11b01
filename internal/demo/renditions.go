package demo

import (
	"bytes"
	"errors"
	"image"
	"io"
	"sync"

	"dateline/internal/media"
)

// recorder keeps the files given to it, to store them elsewhere again.
type recorder struct{ files map[string][]byte }

func (r *recorder) Put(name string, data io.Reader) error {
	b, err := io.ReadAll(data)
	r.files[name] = b
	return err
}

func (r *recorder) Open(string) (io.ReadSeekCloser, error) {
	return nil, errors.New("demo: write only")
}
func (r *recorder) Remove(name string) error { delete(r.files, name); return nil }

// made are a demo photo's resized copies and crops, drawn once per process: every
// test site loads the demo, and the files are the same each time.
type made struct {
	variants []int
	crops    media.Crops
	files    map[string][]byte
}

var renditions sync.Map // file name → *made

// storeRenditions puts m's resized copies and crops into blobs, making them the
// first time (with the quick scaler: the demo drew these pictures itself).
func storeRenditions(m *media.Media, picture []byte, blobs media.Blobs) error {
	v, ok := renditions.Load(m.FileName)
	if !ok {
		img, _, err := image.Decode(bytes.NewReader(picture))
		if err != nil {
			return err
		}
		rec := &recorder{files: map[string][]byte{}}
		probe := *m
		if err := media.MakeQuickVariants(img, &probe, rec); err != nil {
			return err
		}
		if err := media.MakeQuickCrops(img, &probe, rec); err != nil {
			return err
		}
		v, _ = renditions.LoadOrStore(m.FileName, &made{variants: probe.Variants, crops: probe.Crops, files: rec.files})
	}
	done := v.(*made)
	for name, data := range done.files {
		if err := blobs.Put(name, bytes.NewReader(data)); err != nil {
			return err
		}
	}
	m.Variants, m.Crops, m.Focus = done.variants, done.crops, media.Centre
	return nil
}
