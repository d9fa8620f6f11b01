package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"sync"
)

// palettes are sky-top, sky-bottom, sun, ground and detail colours for the generated
// demo photos: simple landscapes that stand in for agency pictures.
var palettes = [][5]color.RGBA{
	{{12, 20, 48, 255}, {40, 60, 110, 255}, {250, 220, 140, 255}, {10, 40, 60, 255}, {255, 240, 180, 255}},
	{{20, 18, 40, 255}, {70, 50, 90, 255}, {230, 230, 255, 255}, {40, 40, 50, 255}, {250, 250, 250, 255}},
	{{60, 70, 80, 255}, {120, 130, 140, 255}, {200, 200, 200, 255}, {50, 70, 90, 255}, {240, 200, 40, 255}},
	{{170, 200, 230, 255}, {220, 230, 240, 255}, {255, 250, 220, 255}, {90, 90, 100, 255}, {40, 90, 170, 255}},
	{{60, 140, 220, 255}, {170, 210, 240, 255}, {255, 240, 160, 255}, {170, 120, 70, 255}, {60, 70, 90, 255}},
	{{240, 140, 80, 255}, {250, 200, 140, 255}, {255, 230, 180, 255}, {40, 50, 70, 255}, {190, 50, 40, 255}},
	{{40, 110, 200, 255}, {150, 200, 250, 255}, {255, 255, 230, 255}, {120, 130, 140, 255}, {210, 225, 240, 255}},
	{{200, 220, 210, 255}, {235, 240, 230, 255}, {255, 250, 235, 255}, {40, 110, 60, 255}, {90, 160, 90, 255}},
	{{5, 20, 50, 255}, {10, 50, 90, 255}, {80, 160, 200, 255}, {5, 30, 50, 255}, {240, 130, 60, 255}},
	{{30, 30, 35, 255}, {70, 70, 75, 255}, {220, 220, 210, 255}, {120, 120, 115, 255}, {200, 200, 190, 255}},
	{{90, 60, 40, 255}, {160, 120, 80, 255}, {250, 230, 200, 255}, {200, 190, 170, 255}, {120, 40, 30, 255}},
	{{60, 40, 30, 255}, {130, 90, 60, 255}, {240, 210, 160, 255}, {80, 50, 30, 255}, {180, 130, 80, 255}},
}

// pictures memoises Picture: the same arguments always draw the same bytes, and
// tests load the demo newsroom many times in one process.
var pictures sync.Map

type pictureKey struct{ palette, w, h int }

// Picture draws a w×h PNG landscape in the given palette: a graded sky, a sun, a
// skyline or hills, and a foreground. Deterministic for the same arguments.
func Picture(palette, w, h int) ([]byte, int, int, error) {
	key := pictureKey{palette, w, h}
	if b, ok := pictures.Load(key); ok {
		return b.([]byte), w, h, nil
	}
	b, err := drawPicture(palette, w, h)
	if err != nil {
		return nil, 0, 0, err
	}
	pictures.Store(key, b)
	return b, w, h, nil
}

func drawPicture(palette, w, h int) ([]byte, error) {
	p := palettes[palette%len(palettes)]
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	horizon := h * 62 / 100
	sunX, sunY, sunR := float64(w)*0.72, float64(h)*0.3, float64(h)*0.11
	for y := 0; y < h; y++ {
		t := float64(y) / float64(horizon)
		sky := mix(p[0], p[1], math.Min(t, 1))
		for x := 0; x < w; x++ {
			c := sky
			if d := math.Hypot(float64(x)-sunX, float64(y)-sunY); d < sunR {
				c = p[2]
			} else if d < sunR*1.6 {
				c = mix(p[2], sky, (d-sunR)/(sunR*0.6))
			}
			if y >= skyline(x, w, h, palette, horizon) {
				c = mix(p[3], p[0], 0.15)
				if x%12 < 5 && y%16 < 7 && ((x/12)*7+(y/16)*3)%5 == 0 && y < horizon-4 {
					c = p[4] // lit windows or highlights
				}
			}
			if y >= horizon {
				wave := 0.5 + 0.5*math.Sin(float64(x)/17+float64(y)*float64(y)/900)
				c = mix(p[3], p[1], 0.12*wave+0.25*float64(h-y)/float64(h-horizon))
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// skyline gives the top edge of buildings or hills at column x.
func skyline(x, w, h, seed, horizon int) int {
	if seed%2 == 0 { // blocky towers
		block := w / 24
		i := x / block
		height := (i*37 + seed*11) % (h / 3)
		return horizon - height
	}
	f := float64(x) / float64(w)
	return horizon - int(float64(h)*(0.08+0.06*math.Sin(f*9+float64(seed))+0.03*math.Sin(f*23)))
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	l := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 255}
}
