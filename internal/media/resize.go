package media

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
)

// VariantWidths are the responsive sizes made for every photo wider than them.
var VariantWidths = []int{480, 960, 1600}

// Resize scales img to width, keeping its proportions, and encodes it like the original.
func Resize(img image.Image, width int, ctype string) []byte {
	return resizeWith(draw.CatmullRom, img, width, ctype)
}

func resizeWith(scaler draw.Scaler, img image.Image, width int, ctype string) []byte {
	b := img.Bounds()
	height := max(1, b.Dy()*width/b.Dx())
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	scaler.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var buf bytes.Buffer
	// Encoding decoded pixels into memory cannot fail.
	switch ctype {
	case "image/png":
		_ = png.Encode(&buf, dst)
	case "image/gif":
		_ = gif.Encode(&buf, dst, nil)
	default: // JPEG, and WebP (Go has no WebP encoder)
		_ = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82})
	}
	return buf.Bytes()
}

// MakeVariants stores m's resized copies (each of VariantWidths narrower than the
// photo) into blobs and records them in m.Variants. img is m's decoded photo.
func MakeVariants(img image.Image, m *Media, blobs Blobs) error {
	return makeVariants(img, m, blobs, draw.CatmullRom)
}

// MakeQuickVariants is MakeVariants with a faster scaler, as MakeQuickCrops.
func MakeQuickVariants(img image.Image, m *Media, blobs Blobs) error {
	return makeVariants(img, m, blobs, draw.ApproxBiLinear)
}

func makeVariants(img image.Image, m *Media, blobs Blobs, scaler draw.Scaler) error {
	m.Variants = nil
	for _, w := range VariantWidths {
		if w >= img.Bounds().Dx() {
			break
		}
		if err := blobs.Put(m.VariantName(w), bytes.NewReader(resizeWith(scaler, img, w, m.ContentType))); err != nil {
			return err
		}
		m.Variants = append(m.Variants, w)
	}
	return nil
}
