package media

import (
	"fmt"
	"image"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Ratio is a shape photos are cropped to, around their focal point.
type Ratio struct {
	Name string // "16x9"
	W, H int
}

// Ratios are the crops every photo gets: 16:9 for cards and link previews, and
// the three shapes search engines ask article images in.
var Ratios = []Ratio{{"16x9", 16, 9}, {"4x3", 4, 3}, {"1x1", 1, 1}}

// CropWidths are the widths each crop is made in, where the photo is wide enough;
// a crop narrower than the smallest is made at its own width.
var CropWidths = []int{480, 960, 1600}

// RatioByName finds a ratio.
func RatioByName(name string) (Ratio, bool) {
	for _, r := range Ratios {
		if r.Name == name {
			return r, true
		}
	}
	return Ratio{}, false
}

// Focus is where a photo's subject is, as fractions of its width and height from
// the top left: crops keep it as near their centre as the photo allows.
type Focus struct{ X, Y float64 }

// Centre is the focus of a photo nobody has set one for.
var Centre = Focus{0.5, 0.5}

// Valid reports whether the focus lies inside the photo.
func (f Focus) Valid() bool {
	return f.X >= 0 && f.X <= 1 && f.Y >= 0 && f.Y <= 1 && !math.IsNaN(f.X) && !math.IsNaN(f.Y)
}

// tag names a focus in crop file names, so a new focal point gives new names and no
// cache keeps serving the old crops: "f50x50".
func (f Focus) tag() string {
	return fmt.Sprintf("f%dx%d", int(math.Round(f.X*100)), int(math.Round(f.Y*100)))
}

// CropRect is the largest rectangle of the ratio inside a width×height photo,
// centred on the focus as far as the photo's edges allow.
func CropRect(width, height int, r Ratio, f Focus) image.Rectangle {
	if width <= 0 || height <= 0 {
		return image.Rectangle{}
	}
	cw, ch := width, width*r.H/r.W
	if ch > height {
		cw, ch = height*r.W/r.H, height
	}
	cw, ch = max(cw, 1), max(ch, 1)
	x := int(math.Round(f.X*float64(width))) - cw/2
	y := int(math.Round(f.Y*float64(height))) - ch/2
	x = min(max(x, 0), width-cw)
	y = min(max(y, 0), height-ch)
	return image.Rect(x, y, x+cw, y+ch)
}

// CropWidthsFor are the widths a crop of the given width is made in.
func CropWidthsFor(cropWidth int) []int {
	var out []int
	for _, w := range CropWidths {
		if w <= cropWidth {
			out = append(out, w)
		}
	}
	if len(out) == 0 && cropWidth > 0 {
		out = []int{cropWidth}
	}
	return out
}

// Crops lists the widths made of each ratio, by ratio name.
type Crops map[string][]int

// String encodes the crops for storage: "16x9=480,960 4x3=480 1x1=300".
func (c Crops) String() string {
	var parts []string
	for _, r := range Ratios {
		if ws := c[r.Name]; len(ws) > 0 {
			nums := make([]string, len(ws))
			for i, w := range ws {
				nums[i] = strconv.Itoa(w)
			}
			parts = append(parts, r.Name+"="+strings.Join(nums, ","))
		}
	}
	return strings.Join(parts, " ")
}

// ParseCrops reads what String wrote; unknown parts are skipped.
func ParseCrops(s string) Crops {
	c := Crops{}
	for _, part := range strings.Fields(s) {
		name, list, ok := strings.Cut(part, "=")
		if _, known := RatioByName(name); !ok || !known {
			continue
		}
		for _, n := range strings.Split(list, ",") {
			if w, err := strconv.Atoi(n); err == nil && w > 0 {
				c[name] = append(c[name], w)
			}
		}
	}
	return c
}

// CropName is the blob name of m's crop of the ratio at width.
func (m Media) CropName(r Ratio, width int) string {
	ext := path.Ext(m.FileName)
	if ext == ".png" || ext == ".gif" || ext == ".webp" {
		ext = ".jpg" // crops are photographs' shapes: JPEG, like the resized copies of WebP
	}
	return fmt.Sprintf("%s-%s-%s-%d%s", strings.TrimSuffix(m.FileName, path.Ext(m.FileName)), r.Name, m.Focus.tag(), width, ext)
}

// CropFiles lists every crop file of m.
func (m Media) CropFiles() []string {
	var out []string
	for _, r := range Ratios {
		for _, w := range m.Crops[r.Name] {
			out = append(out, m.CropName(r, w))
		}
	}
	return out
}

// Largest is the widest crop of the ratio m has (0 when none).
func (m Media) Largest(r Ratio) int {
	if ws := m.Crops[r.Name]; len(ws) > 0 {
		return slices.Max(ws)
	}
	return 0
}
