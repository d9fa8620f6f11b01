package media

import (
	"image"
	"testing"
)

// TestCropRect: the largest rectangle of each ratio, centred on the focus where the
// photo allows and pushed inside its edges where it does not.
func TestCropRect(t *testing.T) {
	sq, wide := Ratios[2], Ratios[0]
	for _, c := range []struct {
		w, h  int
		r     Ratio
		f     Focus
		wants image.Rectangle
	}{
		{1600, 800, sq, Centre, image.Rect(400, 0, 1200, 800)},
		{1600, 800, sq, Focus{0.9, 0.5}, image.Rect(800, 0, 1600, 800)},
		{1600, 800, sq, Focus{0, 0}, image.Rect(0, 0, 800, 800)},
		{1600, 800, wide, Focus{1, 1}, image.Rect(178, 0, 1600, 800)},
		{800, 1600, wide, Focus{0.5, 0.1}, image.Rect(0, 0, 800, 450)},
		{1, 1, wide, Centre, image.Rect(0, 0, 1, 1)},
		{3, 1000, sq, Focus{0.5, 1}, image.Rect(0, 997, 3, 1000)},
	} {
		if got := CropRect(c.w, c.h, c.r, c.f); got != c.wants {
			t.Errorf("%dx%d %s at %v: %v, want %v", c.w, c.h, c.r.Name, c.f, got, c.wants)
		}
	}
	for _, f := range []Focus{{-0.1, 0.5}, {0.5, 1.01}, {2, 2}} {
		if f.Valid() {
			t.Errorf("%v is valid", f)
		}
	}
}

// TestCropsRoundTrip: the crops a photo has survive storage; file names carry the
// focus, so a new focal point gives new names.
func TestCropsRoundTrip(t *testing.T) {
	c := Crops{"16x9": {480, 960}, "4x3": {480}, "1x1": {300}}
	if got := ParseCrops(c.String()); got.String() != c.String() {
		t.Errorf("%q read back as %q", c.String(), got.String())
	}
	if got := ParseCrops("16x9=480,x 5x7=100 junk"); len(got) != 1 || len(got["16x9"]) != 1 {
		t.Errorf("damaged crops read as %v", got)
	}
	m := Media{FileName: "uploads/2026/11/abc.png", Focus: Centre}
	moved := m
	moved.Focus = Focus{0.9, 0.5}
	if a, b := m.CropName(Ratios[0], 480), moved.CropName(Ratios[0], 480); a != "uploads/2026/11/abc-16x9-f50x50-480.jpg" || a == b {
		t.Errorf("crop names %q and %q", a, b)
	}
	if got := CropWidthsFor(300); len(got) != 1 || got[0] != 300 {
		t.Errorf("a crop narrower than the smallest width: %v", got)
	}
}
