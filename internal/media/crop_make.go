package media

import (
	"bytes"
	"image"
	"image/jpeg"

	"golang.org/x/image/draw"
)

// MakeCrops stores m's crops of every ratio around its focus into blobs, in each
// width the crop is wide enough for, as JPEG pixels only (no metadata), and records
// them in m.Crops. img is m's decoded, upright photo.
func MakeCrops(img image.Image, m *Media, blobs Blobs) error {
	return makeCrops(img, m, blobs, draw.CatmullRom)
}

// MakeQuickCrops is MakeCrops with a faster, plainer scaler, for pictures the
// program drew itself (the demo's), where sharpness is not worth the time.
func MakeQuickCrops(img image.Image, m *Media, blobs Blobs) error {
	return makeCrops(img, m, blobs, draw.ApproxBiLinear)
}

func makeCrops(img image.Image, m *Media, blobs Blobs, scaler draw.Scaler) error {
	b := img.Bounds()
	if m.Focus == (Focus{}) {
		m.Focus = Centre
	}
	m.Crops = Crops{}
	for _, r := range Ratios {
		rect := CropRect(b.Dx(), b.Dy(), r, m.Focus).Add(b.Min)
		for _, w := range CropWidthsFor(rect.Dx()) {
			h := max(1, rect.Dy()*w/rect.Dx())
			dst := image.NewRGBA(image.Rect(0, 0, w, h))
			scaler.Scale(dst, dst.Bounds(), img, rect, draw.Src, nil)
			var buf bytes.Buffer
			_ = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82}) // encoding pixels in memory cannot fail
			if err := blobs.Put(m.CropName(r, w), &buf); err != nil {
				return err
			}
			m.Crops[r.Name] = append(m.Crops[r.Name], w)
		}
	}
	return nil
}
