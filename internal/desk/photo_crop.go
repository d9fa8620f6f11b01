package desk

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"io"
	"slices"

	"dateline/internal/event"
	"dateline/internal/media"
	"dateline/internal/people"
)

// SetFocalPoint moves a photo's focal point (anyone who may upload photos) and
// makes its crops again around it, at the version the editor saw. The new crops
// have new names, so no cache serves the old ones; those go once the change is
// stored.
func (d *Desk) SetFocalPoint(ctx context.Context, a Actor, id int64, f media.Focus, version int) (media.Media, error) {
	if !a.Person.Can(people.ActUploadMedia) {
		return media.Media{}, ErrForbidden
	}
	if !f.Valid() {
		return media.Media{}, FieldErrors{"focus": "the focal point must be inside the photo: 0 to 100 % across and down"}
	}
	m, err := d.Store.MediaByID(ctx, id)
	if err != nil {
		return m, err
	}
	if m.Version != version {
		return m, refused("photo", media.ErrConflict)
	}
	old := m.CropFiles()
	img, err := d.openPhoto(ctx, m)
	if err != nil {
		return m, err
	}
	m.Focus = f
	if err := media.MakeCrops(img, &m, d.Blobs); err != nil {
		return m, err
	}
	err = d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.UpdateMediaCrops(ctx, &m); err != nil {
			return err
		}
		return d.audit(ctx, a, event.MediaUpdate, 0, fmt.Sprintf("media %d: focal point %.0f%% across, %.0f%% down", id, f.X*100, f.Y*100))
	})
	keep := map[string]bool{}
	for _, name := range m.CropFiles() {
		keep[name] = true
	}
	if err != nil {
		for name := range keep { // the new crops of a refused change
			if !slices.Contains(old, name) {
				_ = d.Blobs.Remove(name)
			}
		}
		return m, refused("photo", err)
	}
	for _, name := range old {
		if !keep[name] {
			_ = d.Blobs.Remove(name)
		}
	}
	return m, nil
}

// openPhoto decodes a stored photo within the node's decoding budget.
func (d *Desk) openPhoto(ctx context.Context, m media.Media) (image.Image, error) {
	f, err := d.Blobs.Open(m.FileName)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxUploadBytes+1))
	f.Close()
	if err != nil {
		return nil, err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("desk: photo %d: %w", m.ID, err)
	}
	release, err := d.admit(ctx, decodeCost(cfg))
	if err != nil {
		return nil, err
	}
	defer release()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("desk: photo %d: %w", m.ID, err)
	}
	return img, nil
}
