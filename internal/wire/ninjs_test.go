package wire

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// want says what each IPTC sample is (see testdata/README.md): the kind it must
// ingest as, or "refused".
var want = map[string]string{
	"ninjs/1.4/businesswire-newsml-20130515006361.json":        "package",
	"ninjs/1.4/businesswire-newsml-20130605006126.json":        "text",
	"ninjs/1.4/businesswire-newsml-20130612006110.json":        "text",
	"ninjs/1.4/businesswire-newsml-20130731006140.json":        "package",
	"ninjs/1.4/ninjs-1-4-examples.json":                        "text",
	"ninjs/1.4/ninjsExComplex1.json":                           "package",
	"ninjs/1.4/ninjsExComplex2.json":                           "package",
	"ninjs/1.4/ninjsExMediumText1.json":                        "text",
	"ninjs/1.4/ninjsExSimplePhoto1.json":                       "picture",
	"ninjs/1.4/ninjsExSimpleText1.json":                        "text",
	"ninjs/2.1/SIPA_image_2.json":                              "picture",
	"ninjs/2.1/ap_audio.json":                                  "refused",
	"ninjs/2.1/ap_image.json":                                  "picture",
	"ninjs/2.1/ap_video.json":                                  "refused",
	"ninjs/2.1/businesswire-newsml-20130605006126.json":        "text",
	"ninjs/2.1/businesswire-newsml-20130731006140.json":        "package",
	"ninjs/2.1/dpa_text.json":                                  "text",
	"ninjs/2.1/imageEncodedRights.json":                        "picture",
	"ninjs/2.1/imageLinkedRights.json":                         "picture",
	"ninjs/2.1/ninjsExSimpleText_2.json":                       "text",
	"ninjs/2.1/ntb_text.json":                                  "text",
	"ninjs/2.1/tt_text_image_2.json":                           "package", // a story with its picture: the picture is the lead candidate
	"ninjs/2.1/schema-extension/extension-example.json":        "package",
	"ninjs/3.0/20231004-UEFA-ChampionLeague.json":              "refused",
	"ninjs/3.0/20231005-65-addb-event.json":                    "refused",
	"ninjs/3.0/20231016-addb-example-press-conference.json":    "refused",
	"ninjs/3.0/SIPA_image_3.json":                              "picture",
	"ninjs/3.0/ap_audio.json":                                  "refused",
	"ninjs/3.0/ap_image.json":                                  "picture",
	"ninjs/3.0/ap_video.json":                                  "refused",
	"ninjs/3.0/businesswire-newsml-20130605006126.json":        "text",
	"ninjs/3.0/businesswire-newsml-20130731006140.json":        "package",
	"ninjs/3.0/dpa_text.json":                                  "text",
	"ninjs/3.0/imageEncodedRights.json":                        "picture",
	"ninjs/3.0/imageLinkedRights.json":                         "picture",
	"ninjs/3.0/ninjsExSimpleText_3.json":                       "text",
	"ninjs/3.0/ntb_text.json":                                  "text",
	"ninjs/3.0/simpleEvent.json":                               "refused",
	"ninjs/3.0/tt_event_pressconference_3.0.json":              "refused",
	"ninjs/3.0/collection/20231016-event-timeline-sample.json": "refused",
	"ninjs-guidelines/not-valid/008_extension.json":            "refused", // no headline, no body: once a blank queue row
	"ninjs/3.0/tt_text_image_3.json":                           "package",
	"ninjs/3.0/20231008-anti-doping-measures-at-the-tour-down-under-will-be-the-toughest-ever-addb-ninjs-nitf.json": "text",
}

func TestEveryNinjsSample(t *testing.T) {
	seen := 0
	for _, dir := range []string{"ninjs", "ninjs-guidelines"} {
		filepath.WalkDir(filepath.Join("testdata", dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			rel, _ := filepath.Rel("testdata", path)
			expect, ok := want[filepath.ToSlash(rel)]
			if !ok {
				expect = guidelineKind(rel)
			}
			seen++
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			it, err := ParseNinjs(data)
			switch {
			case expect == "refused":
				if !errors.Is(err, ErrRefused) {
					t.Errorf("%s: got %v, %v; want refused with a reason", rel, it.Kind, err)
				}
			case err != nil:
				t.Errorf("%s: %v", rel, err)
			case string(it.Kind) != expect:
				t.Errorf("%s: kind %s, want %s", rel, it.Kind, expect)
			case it.ID == "":
				t.Errorf("%s: no id", rel)
			case string(it.Raw) != string(data):
				t.Errorf("%s: raw copy not kept as received", rel)
			}
			return nil
		})
	}
	if seen < len(want) {
		t.Fatalf("read %d sample files, want at least %d", seen, len(want))
	}
}

// guidelineKind: the numbered guideline examples are the same in 1.6, 2.2 and 3.1.
func guidelineKind(rel string) string {
	switch name := filepath.Base(rel); {
	case strings.HasPrefix(name, "002_"): // a picture's renditions with no type and no headline
		return "picture"
	case strings.HasPrefix(name, "008_event"):
		return "refused"
	case strings.HasPrefix(name, "003_"), strings.HasPrefix(name, "007_"):
		return "package"
	case strings.HasPrefix(name, "006_"):
		return "picture"
	}
	return "text"
}

// The same agency story in ninjs 2 and ninjs 3 reads the same.
func TestNinjsVersionsReadAlike(t *testing.T) {
	var items []Item
	for _, v := range []string{"2.1", "3.0"} {
		it := parseFile(t, "testdata/ninjs/"+v+"/ntb_text.json")
		items = append(items, it)
	}
	for _, it := range items {
		if it.Agency != "NTB" || it.Version != 6 || it.Language != "nb-NO" || it.Headline != "Google har kjøpt giganttomt i Skien" ||
			it.Byline != "NTB" || it.Status != StatusUsable || it.Urgency != 5 || it.Updated.IsZero() || it.Created.After(it.Updated) {
			t.Errorf("%s: %+v", it.Format, it)
		}
		if !strings.Contains(strings.Join(it.Subjects, ","), "Teknologi") || !strings.HasPrefix(it.Summary, "IT-giganten Google") {
			t.Errorf("%s: subjects %v, summary %.20q", it.Format, it.Subjects, it.Summary)
		}
	}
	if items[0].Format != "ninjs 2" || items[1].Format != "ninjs 3" {
		t.Errorf("formats %s, %s", items[0].Format, items[1].Format)
	}
	if items[0].Summary != items[1].Summary || items[0].Updated != items[1].Updated {
		t.Error("ninjs 2 and 3 copies of one story differ after parsing")
	}
}

func TestNinjsPictureAndPackage(t *testing.T) {
	pic := parseFile(t, "testdata/ninjs/3.0/ap_image.json")
	if pic.Credit != "ASSOCIATED PRESS" || !strings.HasPrefix(pic.Caption, "FILE - In this Monday") || len(pic.Renditions) != 4 {
		t.Errorf("picture: credit %q caption %.30q renditions %d", pic.Credit, pic.Caption, len(pic.Renditions))
	}
	for i := 1; i < len(pic.Renditions); i++ {
		if a, b := pic.Renditions[i-1], pic.Renditions[i]; a.Width*a.Height < b.Width*b.Height {
			t.Errorf("renditions not largest first: %+v", pic.Renditions)
		}
	}
	for _, path := range []string{"testdata/ninjs/1.4/ninjsExComplex1.json", "testdata/ninjs/3.0/businesswire-newsml-20130731006140.json"} {
		pkg := parseFile(t, path)
		var photos int
		for _, m := range pkg.Members {
			if m.Kind == KindPicture && len(m.Renditions) > 0 {
				photos++
			}
		}
		if photos == 0 {
			t.Errorf("%s: package has no photos among %d members", path, len(pkg.Members))
		}
	}
}

func TestNinjsBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"truncated":       `{"uri": "urn:x", "type": "text", "headline": "Half`,
		"not an object":   `["a", "b"]`,
		"two values":      `{"headline": "a"} {"headline": "b"}`,
		"unknown type":    `{"uri": "urn:x", "type": "hologram", "headline": "A"}`,
		"empty item":      `{"uri": "urn:x"}`,
		"photo, no files": `{"uri": "urn:x", "type": "picture", "headline": "A"}`,
		"deeply nested":   strings.Repeat(`{"type":"composite","associations":[`, 6) + `{"type":"text","headline":"A"}` + strings.Repeat(`]}`, 6),
	} {
		if _, err := ParseNinjs([]byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		} else if err.Error() == "" {
			t.Errorf("%s: error without a reason", name)
		}
	}
	schema := `{"$schema": "http://json-schema.org/draft-04/schema#", "title": "ninjs", "properties": {"uri": {"type": "string"}}}`
	if _, err := ParseNinjs([]byte(schema)); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "a JSON Schema, not a ninjs item") {
		t.Errorf("the ninjs schema itself: %v", err)
	}
	withheld, err := ParseNinjs([]byte(`{"uri": "urn:x", "headline": "A", "pubStatus": "withheld", "version": 3}`))
	if err != nil || withheld.Status != StatusWithheld || withheld.Version != 3 {
		t.Errorf("withheld notice: %+v, %v", withheld, err)
	}
}

func parseFile(t *testing.T, path string) Item {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	it, err := ParseNinjs(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return it
}
