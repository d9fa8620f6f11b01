package wire

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wantG2 says what each NewsML-G2 sample must give: the kinds of its items in
// order ("refused" for one that is not taken), or "refused" for the whole file.
var wantG2 = map[string]string{
	"LISTING_1_A_NewsML-G2_News_Item.xml":                                    "text",
	"LISTING_2_NewsML-G2_Text_Document.xml":                                  "text",
	"LISTING_3_Photo_in_NewsML-G2.xml":                                       "picture",
	"LISTING_3A_Photo_in_NewsML-G2_(URI_sibling_attributes).xml":             "picture",
	"LISTING_4_Multiple_Renditions_of_a_Video_in_NewsML-G2.xml":              "refused",
	"LISTING_5_Multi-part_Video_in_NewsML-G2.xml":                            "refused",
	"LISTING_6_Simple_NewsML-G2_Package.xml":                                 "package",
	"LISTING_7_Group_Set_example_showing_Hierarchical_Package_Structure.xml": "refused",
	"LISTING_8_Group_Set_example_showing_an_ALT_Package_Mode.xml":            "refused",
	"LISTING_9_Group_Set_example_showing_a_SEQ_Package_Mode.xml":             "refused",
	"LISTING_10_Abstract_Concept_conveyed_in_a_NewsML-G2_Concept_Item.xml":   "refused",
	"LISTING_11_Person_Concept_conveyed_in_a_NewsML-G2_Concept_Item.xml":     "refused",
	"LISTING_12_Knowledge_Item_for_Access_Codes.xml":                         "refused",
	"LISTING_13_Complete_Catalog_Item.xml":                                   "refused",
	"LISTING_14_Event_sent_as_a_Concept_Item.xml":                            "refused",
	"LISTING_15_Two_Related_Events_in_a_Knowledge_Item.xml":                  "refused",
	"LISTING_16_A_Set_of_Events_carried_in_a_News_Item.xml":                  "refused",
	"LISTING_17_Planning_Item_a_CCL.xml":                                     "refused",
	"LISTING_18_Planning_Item_at_PCL.xml":                                    "refused",
	"LISTING_19_Planning_Item_with_delivery_at_CCL.xml":                      "refused",
	"LISTING_20_Planning_Item_with_delivery_at_PCL.xml":                      "refused",
	"LISTING_21_A_complete_sample_SportsML-G2_document.xml":                  "text",
	"LISTING_22_Sports_story_in_NewsML-G2NITF.xml":                           "text",
	"LISTING_23_SportsML-G2_Package.xml":                                     "package",
	// An abridged envelope: the package lacks its guid, its four items are only guids
	// (no headline, no body: nothing to publish).
	"LISTING_24_News_Message_conveying_a_complete_News_Package.xml":     "invalid refused refused refused refused",
	"LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml":    "refused",
	"LISTING_26_Embedded_photo_metadata_fields_mapped_to_NewsML-G2.xml": "picture",
	"LISTING_27_Company_Financial_Information.xml":                      "text",
	"LISTING_28_Illustrating_Located_Subject_and_Dateline.xml":          "refused",
	"LISTING_29_Hop_History.xml":                                        "refused", // metadata examples without headline or body: once blank queue rows
	"Receiver_View.xml":                                                 "text",
	"ap_metadata_example.xml":                                           "refused",
	"facet-example.xml":                                                 "refused", // metadata examples without headline or body: once blank queue rows
	"facet-example-2.xml":                                               "refused", // metadata examples without headline or body: once blank queue rows
	"facet-example-3.xml":                                               "refused", // metadata examples without headline or body: once blank queue rows
}

func TestEveryNewsMLSample(t *testing.T) {
	files, _ := filepath.Glob("testdata/newsml-g2/*.xml")
	if len(files) != len(wantG2) {
		t.Fatalf("%d sample files, %d expectations", len(files), len(wantG2))
	}
	for _, path := range files {
		name := filepath.Base(path)
		expect, ok := wantG2[name]
		if !ok {
			t.Errorf("%s: no expectation", name)
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		results, err := ParseNewsML(data)
		if expect == "refused" {
			refusedInside := err == nil && len(results) == 1 && errors.Is(results[0].Err, ErrRefused)
			if !errors.Is(err, ErrRefused) && !refusedInside {
				t.Errorf("%s: want refused with a reason, got %v (%d results)", name, err, len(results))
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var got []string
		for _, r := range results {
			switch {
			case errors.Is(r.Err, ErrRefused):
				got = append(got, "refused")
			case r.Err != nil:
				got = append(got, "invalid")
			default:
				got = append(got, string(r.Item.Kind))
				if r.Item.ID == "" {
					t.Errorf("%s: an item without an id", name)
				}
			}
		}
		if strings.Join(got, " ") != expect {
			t.Errorf("%s: got %q, want %q", name, strings.Join(got, " "), expect)
		}
	}
}

func TestNewsMLTextAndPicture(t *testing.T) {
	text := parseG2(t, "LISTING_2_NewsML-G2_Text_Document.xml")
	if text.ID != "urn:newsml:acmenews.com:20161121:US-FINANCE-FED" || text.Version != 11 || text.Headline != `Fed to halt QE to avert "bubble"` ||
		text.Agency != "Acme News and Media LLC" || text.Dateline != "New York, NY" || text.Byline != "Meredith Jameson" ||
		text.Language != "en-US" || text.Status != StatusUsable ||
		!text.BodyHTML ||
		!strings.Contains(text.Body, "<p>") ||
		len(text.Subjects) != 3 ||
		text.Updated.IsZero() {
		t.Errorf("text: %+v", text)
	}
	pic := parseG2(t, "LISTING_3_Photo_in_NewsML-G2.xml")
	if pic.Credit != "Getty Images" || !strings.HasPrefix(pic.Caption, "A general view of part of downtown") ||
		len(pic.Renditions) != 3 || pic.Renditions[0].Width != 1500 {
		t.Errorf("picture: credit %q caption %.40q renditions %+v", pic.Credit, pic.Caption, pic.Renditions)
	}
	pkg := parseG2(t, "LISTING_6_Simple_NewsML-G2_Package.xml")
	if len(pkg.Refs) < 2 || pkg.Refs[0].Kind != "text" || pkg.Refs[0].Title != "Obama annonce son équipe" {
		t.Errorf("package refs: %+v", pkg.Refs)
	}
}

func TestNewsMLBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"truncated":        `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="a"><itemMeta>`,
		"not XML":          `{"headline": "json"}`,
		"empty":            ``,
		"unknown root":     `<rss version="2.0"><channel/></rss>`,
		"no guid":          `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><headline>A</headline></contentMeta></newsItem>`,
		"unknown encoding": "<?xml version=\"1.0\" encoding=\"x-klingon\"?><newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"a\"/>",
		"bad UTF-8":        "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"a\"><itemMeta><itemClass qcode=\"ninat:text\"/></itemMeta><contentMeta><headline>\xff\xfe</headline></contentMeta></newsItem>",
	} {
		results, err := ParseNewsML([]byte(in))
		if err == nil && (len(results) == 0 || results[0].Err == nil) {
			t.Errorf("%s: accepted", name)
		}
	}
	latin1 := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:b\"><itemMeta><itemClass qcode=\"ninat:text\"/></itemMeta><contentMeta><headline>Z\xfcrich</headline></contentMeta></newsItem>"
	if r, err := ParseNewsML([]byte(latin1)); err != nil || r[0].Err != nil || r[0].Item.Headline != "Zürich" {
		t.Errorf("ISO-8859-1 copy: %+v, %v", r, err)
	}
	killed, err := ParseNewsML(
		[]byte(
			`<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:a" version="4"><itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:canceled"/></itemMeta><contentMeta><headline>Killed</headline></contentMeta></newsItem>`,
		),
	)
	if err != nil || killed[0].Err != nil || killed[0].Item.Status != StatusCanceled || killed[0].Item.Version != 4 {
		t.Errorf("kill notice: %+v, %v", killed, err)
	}
}

func parseG2(t *testing.T, name string) Item {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/newsml-g2", name))
	if err != nil {
		t.Fatal(err)
	}
	results, err := ParseNewsML(data)
	if err != nil || len(results) != 1 || results[0].Err != nil {
		t.Fatalf("%s: %v %+v", name, err, results)
	}
	return results[0].Item
}
