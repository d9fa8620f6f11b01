package desk_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/media"
	"dateline/internal/media/fsblob"
	"dateline/internal/people"
	"dateline/internal/store"
)

func newDesk(t *testing.T) (*desk.Desk, *fsblob.Dir) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "site.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	blobs, err := fsblob.Open(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { blobs.Close() })
	return &desk.Desk{Store: st, Blobs: blobs, Now: func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }}, blobs
}

var photographer = desk.Actor{Person: people.Person{ID: 0, Role: people.RoleWriter}}

// segment is a JPEG marker segment: marker, length, payload.
func segment(marker byte, payload []byte) []byte {
	out := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(out[2:], uint16(len(payload)+2))
	return append(out, payload...)
}

// exifApp1 is an EXIF block with an orientation and a camera maker string naming a
// serial number, as phones and news cameras write them.
func exifApp1(orientation uint16, maker string) []byte {
	var t bytes.Buffer
	t.WriteString("II*\x00")
	binary.Write(&t, binary.LittleEndian, uint32(8)) // IFD0 at 8
	binary.Write(&t, binary.LittleEndian, uint16(2)) // two entries
	// Orientation, SHORT, 1, value.
	binary.Write(&t, binary.LittleEndian, []uint16{0x0112, 3})
	binary.Write(&t, binary.LittleEndian, uint32(1))
	binary.Write(&t, binary.LittleEndian, []uint16{orientation, 0})
	// Make, ASCII, len, offset 38.
	binary.Write(&t, binary.LittleEndian, []uint16{0x010F, 2})
	binary.Write(&t, binary.LittleEndian, uint32(len(maker)+1))
	binary.Write(&t, binary.LittleEndian, uint32(38))
	binary.Write(&t, binary.LittleEndian, uint32(0)) // no next IFD
	t.WriteString(maker + "\x00")
	return segment(0xE1, append([]byte("Exif\x00\x00"), t.Bytes()...))
}

// taggedJPEG is a 300×200 JPEG, left half red and right half blue as stored, carrying
// EXIF, XMP and a comment.
func taggedJPEG(t *testing.T, orientation uint16) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for y := range 200 {
		for x := range 300 {
			c := color.RGBA{220, 10, 10, 255}
			if x >= 150 {
				c = color.RGBA{10, 10, 220, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	var out bytes.Buffer
	out.Write(plain[:2]) // SOI
	out.Write(exifApp1(orientation, "CAMSERIAL-998877"))
	out.Write(segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><exif:GPSLatitude>51,30.2N</exif:GPSLatitude></x:xmpmeta>")))
	out.Write(segment(0xED, []byte("Photoshop 3.0\x008BIM source: Jane Doe, Kyiv")))
	out.Write(segment(0xFE, []byte("source: Jane Doe, Kyiv")))
	out.Write(plain[2:])
	return out.Bytes()
}

var metadataMarks = []string{
	"Exif",
	"CAMSERIAL",
	"GPSLatitude",
	"ns.adobe.com",
	"Jane Doe",
	"Photoshop",
	"8BIM",
	"tEXt",
	"zTXt",
	"iTXt",
	"eXIf",
}

// storedFiles reads the original and every resized copy the site will serve.
func storedFiles(t *testing.T, blobs media.Blobs, m media.Media) map[string][]byte {
	out := map[string][]byte{}
	names := []string{m.FileName}
	for _, w := range m.Variants {
		names = append(names, m.VariantName(w))
	}
	for _, name := range names {
		f, err := blobs.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(f)
		f.Close()
		out[name] = b
	}
	return out
}

func TestPhotosArePublishedWithoutMetadataAndUpright(t *testing.T) {
	d, blobs := newDesk(t)
	m, err := d.AddPhoto(
		context.Background(),
		photographer,
		desk.Upload{Body: bytes.NewReader(taggedJPEG(t, 6)), Alt: "a", Caption: "c", Credit: "r"},
	)
	if err != nil {
		t.Fatal(err)
	}
	// Orientation 6 (turned a quarter to view): 300×200 as stored, 200×300 as seen.
	if m.Width != 200 || m.Height != 300 || m.ContentType != "image/jpeg" {
		t.Fatalf("stored %d×%d %s, want 200×300 image/jpeg", m.Width, m.Height, m.ContentType)
	}
	if base := filepath.Base(m.FileName); strings.HasPrefix(base, "-") {
		t.Fatalf("file name %q starts with a dash", base)
	}
	for name, b := range storedFiles(t, blobs, m) {
		for _, mark := range metadataMarks {
			if bytes.Contains(b, []byte(mark)) {
				t.Errorf("%s still carries %q", name, mark)
			}
		}
		if bytes.Contains(b, []byte{0xFF, 0xE1}) && bytes.Index(b, []byte{0xFF, 0xE1}) < bytes.Index(b, []byte{0xFF, 0xDA}) {
			t.Errorf("%s has an APP1 segment", name)
		}
	}
	img, err := jpeg.Decode(bytes.NewReader(storedFiles(t, blobs, m)[m.FileName]))
	if err != nil {
		t.Fatal(err)
	}
	// Turned upright: what was stored on the left (red) is now on top.
	top, bottom := img.At(100, 20), img.At(100, 280)
	if r, _, b, _ := top.RGBA(); r < b {
		t.Errorf("top of the upright photo is %v, want red", top)
	}
	if r, _, b, _ := bottom.RGBA(); b < r {
		t.Errorf("bottom of the upright photo is %v, want blue", bottom)
	}

	// PNG text chunks go too.
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 240, 240)))
	raw := buf.Bytes()
	withText := append(
		append(append([]byte{}, raw[:33]...), pngChunk("tEXt", []byte("GPSLatitude\x0051.5N CAMSERIAL-998877"))...),
		raw[33:]...)
	m, err = d.AddPhoto(context.Background(), photographer, desk.Upload{Body: bytes.NewReader(withText), Alt: "a", Caption: "c", Credit: "r"})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range storedFiles(t, blobs, m) {
		for _, mark := range metadataMarks {
			if bytes.Contains(b, []byte(mark)) {
				t.Errorf("%s still carries %q", name, mark)
			}
		}
	}
}

// pngChunk is a PNG chunk with its CRC.
func pngChunk(kind string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, kind...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(kind), data...)))
}

// bombPNG is a small PNG whose header declares width×height.
func bombPNG(width, height uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, width)
	ihdr = binary.BigEndian.AppendUint32(ihdr, height)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA
	out := append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
	out = append(out, pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(out, pngChunk("IEND", nil)...)
}

// TestOversizedImagesAreRefusedBeforeDecoding: a PNG that declares 30000×30000
// (900 megapixels, 3.6 GB of pixels) is refused from its header; the refusal
// allocates a few kilobytes, not the pixels.
func TestOversizedImagesAreRefusedBeforeDecoding(t *testing.T) {
	d, _ := newDesk(t)
	bomb := bombPNG(30000, 30000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := d.AddPhoto(context.Background(), photographer, desk.Upload{Body: bytes.NewReader(bomb), Alt: "a", Caption: "c", Credit: "r"})
	runtime.ReadMemStats(&after)
	var fe desk.FieldErrors
	if !errors.As(err, &fe) || !strings.Contains(fe["file"], "100 megapixels") {
		t.Fatalf("30000×30000 PNG: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
		t.Fatalf("refusing the bomb allocated %d bytes", grew)
	}
	// Larger than 50 MB on the wire: refused too.
	_, err = d.AddPhoto(
		context.Background(),
		photographer,
		desk.Upload{Body: io.LimitReader(zeros{}, desk.MaxUploadBytes+10), Alt: "a", Caption: "c", Credit: "r"},
	)
	if !errors.As(err, &fe) || !strings.Contains(fe["file"], "50 MB") {
		t.Fatalf("a 50 MB file: %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestParallelUploadsShareTheDecodingBudget: with a budget that fits one photo, four
// uploads at once all succeed, one after another.
func TestParallelUploadsShareTheDecodingBudget(t *testing.T) {
	d, _ := newDesk(t)
	d.DecodeBudget = 300 * 200 * 8
	photo := taggedJPEG(t, 1)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, err := d.AddPhoto(context.Background(), photographer, desk.Upload{Body: bytes.NewReader(photo), Alt: "a", Caption: "c", Credit: "r"})
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzPhotoUpload feeds arbitrary bytes to the upload path (format detection,
// dimension reading, EXIF orientation, decoding, metadata stripping). Nothing may
// panic; a refusal allocates little; what is stored decodes and carries no metadata;
// and no upload allocates much more than its declared pixels allow.
func FuzzPhotoUpload(f *testing.F) {
	var seedPNG bytes.Buffer
	png.Encode(&seedPNG, image.NewRGBA(image.Rect(0, 0, 200, 200)))
	f.Add(seedPNG.Bytes())
	f.Add(bombPNG(30000, 30000))
	f.Add(bombPNG(2000, 2000))
	for _, o := range []uint16{1, 3, 6, 8, 9} {
		f.Add(taggedJPEG(&testing.T{}, o))
	}
	d, blobs := newDesk(&testing.T{})
	const limit = 2_000_000 // pixels: keeps each run's worst case small
	d.MaxPixels = limit
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m, err := d.AddPhoto(context.Background(), photographer, desk.Upload{Body: bytes.NewReader(data), Alt: "a", Caption: "c", Credit: "r"})
		runtime.ReadMemStats(&after)
		grew := after.TotalAlloc - before.TotalAlloc
		var fe desk.FieldErrors
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("not a field error: %v", err)
		}
		if max := uint64(limit)*8*3 + uint64(len(data))*8 + 32<<20; grew > max {
			t.Fatalf("one upload of %d bytes allocated %d bytes (limit %d)", len(data), grew, max)
		}
		if err != nil {
			return
		}
		for name, b := range storedFiles(t, blobs, m) {
			if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
				t.Fatalf("%s does not decode: %v", name, err)
			}
			for _, mark := range []string{"Exif\x00\x00", "ns.adobe.com", "8BIM", "tEXt", "eXIf"} {
				if bytes.Contains(b, []byte(mark)) {
					t.Fatalf("%s carries %q", name, mark)
				}
			}
		}
	})
}

// TestPhotosStoredBeforeCleaningAreCleaned: a photo kept byte for byte by an older
// version (EXIF with a serial number, XMP with a GPS position) is re-stored under its
// name as pixels only, upright, once.
func TestPhotosStoredBeforeCleaningAreCleaned(t *testing.T) {
	d, blobs := newDesk(t)
	ctx := context.Background()
	legacy := media.Media{
		FileName:    "uploads/2025/01/old.jpg",
		ContentType: "image/jpeg",
		Width:       300,
		Height:      200,
		Alt:         "a",
		Caption:     "c",
		Credit:      "r",
	}
	if err := blobs.Put(legacy.FileName, bytes.NewReader(taggedJPEG(t, 6))); err != nil {
		t.Fatal(err)
	}
	if err := d.Store.CreateMedia(ctx, &legacy); err != nil {
		t.Fatal(err)
	}
	if n, problems := d.CleanStoredPhotos(ctx); n != 1 || len(problems) != 0 {
		t.Fatalf("cleaned %d, problems %v", n, problems)
	}
	m, err := d.Store.MediaByID(ctx, legacy.ID)
	if err != nil || !m.Clean || m.Width != 200 || m.Height != 300 || m.FileName != legacy.FileName {
		t.Fatalf("after cleaning: %+v %v", m, err)
	}
	for name, b := range storedFiles(t, blobs, m) {
		for _, mark := range metadataMarks {
			if bytes.Contains(b, []byte(mark)) {
				t.Errorf("%s still carries %q", name, mark)
			}
		}
	}
	if n, _ := d.CleanStoredPhotos(ctx); n != 0 {
		t.Fatalf("cleaned %d photos a second time", n)
	}
}
