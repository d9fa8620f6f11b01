package wire

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/ianaindex"
)

// Result is one item of a file that may carry several (a NewsML-G2 newsMessage):
// the item, or why it was not taken.
type Result struct {
	Item Item
	Err  error
}

// ParseNewsML reads a NewsML-G2 newsItem, packageItem or newsMessage. A message
// gives one result per item it carries; a bad item does not spoil the others.
func ParseNewsML(data []byte) ([]Result, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	converted := false // offsets then count converted bytes, not the file's
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		converted = true
		return charsetReader(label, in)
	}
	root, err := firstElement(dec)
	if err != nil {
		return nil, err
	}
	switch root.Name.Local {
	case "newsItem", "packageItem":
		r := g2Decode(dec, root)
		if r.Err == nil {
			r.Item.Raw = bytes.Clone(data)
		}
		return []Result{r}, nil
	case "newsMessage":
		return g2Message(dec, data, converted)
	case "conceptItem", "knowledgeItem", "catalogItem":
		return nil, refuse("a NewsML-G2 %s describes concepts, not copy to publish", root.Name.Local)
	case "planningItem":
		return nil, refuse("a NewsML-G2 planningItem describes coverage to come, not copy to publish")
	}
	if root.Name.Space == "" {
		return nil, refuse("<%s> without the NewsML-G2 namespace is a fragment, not a whole item", root.Name.Local)
	}
	return nil, refuse("<%s> is not a NewsML-G2 news item, package or message", root.Name.Local)
}

// charsetReader reads the encodings agencies still send besides UTF-8; any other
// declared encoding is refused by name.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unsupported character encoding %q", label)
	}
	return enc.NewDecoder().Reader(in), nil
}

func firstElement(dec *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return xml.StartElement{}, errors.New("no XML element in the file")
		}
		if err != nil {
			return xml.StartElement{}, fmt.Errorf("not well-formed XML: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// g2Message reads each item in a newsMessage's itemSet.
func g2Message(dec *xml.Decoder, data []byte, converted bool) ([]Result, error) {
	var out []Result
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return out, fmt.Errorf("not well-formed XML: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "newsItem", "packageItem":
			r := g2Decode(dec, se)
			if end := dec.InputOffset(); r.Err == nil && !converted && end <= int64(len(data)) {
				r.Item.Raw = bytes.Clone(data[start:end]) // the item's own element, as it stood in the message
			} else if r.Err == nil {
				r.Item.Raw = bytes.Clone(data)
			}
			out = append(out, r)
		case "conceptItem", "knowledgeItem", "planningItem", "catalogItem":
			if err := dec.Skip(); err != nil {
				return out, fmt.Errorf("not well-formed XML: %w", err)
			}
			out = append(out, Result{Err: refuse("a %s in the message is not copy to publish", se.Name.Local)})
		}
	}
	if len(out) == 0 {
		return nil, refuse("the newsMessage carries no items")
	}
	return out, nil
}

func g2Decode(dec *xml.Decoder, start xml.StartElement) Result {
	var raw g2Item
	if err := dec.DecodeElement(&raw, &start); err != nil {
		return Result{Err: fmt.Errorf("not well-formed XML in %s: %w", start.Name.Local, err)}
	}
	it, err := raw.item(start.Name.Local)
	if err != nil {
		if raw.GUID != "" {
			err = fmt.Errorf("item %s: %w", raw.GUID, err)
		}
		return Result{Err: err}
	}
	return Result{Item: it}
}

type qcode struct {
	QCode string   `xml:"qcode,attr"`
	URI   string   `xml:"uri,attr"`
	Names []string `xml:"name"`
}

type described struct {
	Role string `xml:"role,attr"`
	Text string `xml:",innerxml"`
}

type g2Item struct {
	GUID    string `xml:"guid,attr"`
	Version string `xml:"version,attr"`
	Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Rights  struct {
		Holder qcode `xml:"copyrightHolder"`
	} `xml:"rightsInfo"`
	Meta struct {
		Class          qcode  `xml:"itemClass"`
		Provider       qcode  `xml:"provider"`
		VersionCreated string `xml:"versionCreated"`
		FirstCreated   string `xml:"firstCreated"`
		Status         qcode  `xml:"pubStatus"`
		Title          string `xml:"title"`
	} `xml:"itemMeta"`
	Content struct {
		Created  string  `xml:"contentCreated"`
		Urgency  string  `xml:"urgency"`
		Located  qcode   `xml:"located"`
		Dateline string  `xml:"dateline"`
		By       string  `xml:"by"`
		Creators []qcode `xml:"creator"`
		Sources  []qcode `xml:"infoSource"`
		Language struct {
			Tag string `xml:"tag,attr"`
		} `xml:"language"`
		Subjects    []qcode     `xml:"subject"`
		Headlines   []string    `xml:"headline"`
		Slugline    string      `xml:"slugline"`
		Creditline  string      `xml:"creditline"`
		Description []described `xml:"description"`
	} `xml:"contentMeta"`
	Set struct {
		Inline []struct {
			ContentType string `xml:"contenttype,attr"`
			Inner       string `xml:",innerxml"`
		} `xml:"inlineXML"`
		Data []struct {
			ContentType string `xml:"contenttype,attr"`
			Text        string `xml:",chardata"`
		} `xml:"inlineData"`
		Remote []struct {
			Rendition   string `xml:"rendition,attr"`
			Href        string `xml:"href,attr"`
			ContentType string `xml:"contenttype,attr"`
			Width       string `xml:"width,attr"`
			Height      string `xml:"height,attr"`
		} `xml:"remoteContent"`
	} `xml:"contentSet"`
	Groups []struct {
		Refs []struct {
			ResidRef string `xml:"residref,attr"`
			Class    qcode  `xml:"itemClass"`
			Title    string `xml:"title"`
		} `xml:"itemRef"`
	} `xml:"groupSet>group"`
	Refs []struct { // a newsMessage's package lists its items directly
		ResidRef string `xml:"residref,attr"`
	} `xml:"itemRef"`
}

func (g *g2Item) item(element string) (Item, error) {
	it := Item{Format: "NewsML-G2", ID: strings.TrimSpace(g.GUID), Language: firstOf(g.Content.Language.Tag, g.Lang)}
	if it.ID == "" {
		return Item{}, errors.New("no guid: an item needs its agency id")
	}
	class := strings.TrimPrefix(g.Meta.Class.QCode, "ninat:")
	switch {
	case element == "packageItem" || class == "composite" && len(g.Groups) > 0:
		it.Kind = KindPackage
	case class == "text":
		it.Kind = KindText
	case class == "picture" || class == "graphic":
		it.Kind = KindPicture
	case class == "video" || class == "audio":
		return Item{}, refuse("%s items are not taken: Dateline publishes text and pictures", class)
	case class == "":
		return Item{}, refuse("no itemClass: not a whole item")
	default:
		return Item{}, refuse("a %s news item is not copy Dateline publishes", g.Meta.Class.QCode)
	}
	var err error
	if it.Status, err = parseStatus(strings.TrimPrefix(g.Meta.Status.QCode, "stat:")); err != nil {
		return Item{}, err
	}
	if g.Version != "" {
		if it.Version, err = strconv.Atoi(strings.TrimSpace(g.Version)); err != nil || it.Version < 0 {
			return Item{}, fmt.Errorf("version %q is not a whole number", g.Version)
		}
	}
	if u := strings.TrimSpace(g.Content.Urgency); u != "" {
		if it.Urgency, err = strconv.Atoi(u); err != nil || it.Urgency < 0 || it.Urgency > 9 {
			return Item{}, fmt.Errorf("urgency %q is outside 1-9", u)
		}
	}
	if it.Updated, err = when(g.Meta.VersionCreated, "versionCreated"); err != nil {
		return Item{}, err
	}
	if it.Created, err = when(firstOf(strings.TrimSpace(g.Meta.FirstCreated), strings.TrimSpace(g.Content.Created)),
		"firstCreated"); err != nil {
		return Item{}, err
	}
	if it.Created.IsZero() {
		it.Created = it.Updated
	}
	it.Headline = firstOf(clean(first(g.Content.Headlines)), clean(g.Meta.Title), clean(g.Content.Slugline))
	it.Byline = clean(g.Content.By)
	if it.Byline == "" && len(g.Content.Creators) > 0 {
		it.Byline = clean(first(g.Content.Creators[0].Names))
	}
	it.Dateline = firstOf(clean(g.Content.Dateline), clean(first(g.Content.Located.Names)))
	it.Agency = clean(first(g.Rights.Holder.Names))
	for _, s := range g.Content.Sources {
		it.Agency = firstOf(it.Agency, clean(first(s.Names)))
	}
	it.Agency = firstOf(it.Agency, strings.TrimPrefix(g.Meta.Provider.QCode, "nprov:"))
	for _, s := range g.Content.Subjects {
		if n := clean(first(s.Names)); n != "" {
			it.Subjects = append(it.Subjects, n)
		}
	}
	it.Summary = g2Description(g.Content.Description, "drol:summary", "")
	it.Body, it.BodyHTML = g.body()

	switch it.Kind {
	case KindPicture:
		it.Caption = firstOf(g2Description(g.Content.Description, "drol:caption", ""), it.Headline)
		it.Credit = firstOf(clean(g.Content.Creditline), it.Byline, it.Agency)
		for _, r := range g.Set.Remote {
			if strings.TrimSpace(r.Href) == "" {
				continue
			}
			w, _ := strconv.Atoi(r.Width)
			h, _ := strconv.Atoi(r.Height)
			it.Renditions = append(it.Renditions, Rendition{Name: strings.TrimPrefix(r.Rendition, "rnd:"),
				Href: strings.TrimSpace(r.Href), MediaType: r.ContentType, Width: w, Height: h})
		}
		sortRenditions(it.Renditions)
		if len(it.Renditions) == 0 {
			return Item{}, refuse("picture %s has no renditions to show", it.ID)
		}
	case KindPackage:
		for _, grp := range g.Groups {
			for _, r := range grp.Refs {
				it.Refs = append(
					it.Refs,
					Ref{ID: strings.TrimSpace(r.ResidRef), Kind: strings.TrimPrefix(r.Class.QCode, "ninat:"), Title: clean(r.Title)},
				)
			}
		}
		for _, r := range g.Refs {
			it.Refs = append(it.Refs, Ref{ID: strings.TrimSpace(r.ResidRef)})
		}
		if len(it.Refs) == 0 {
			return Item{}, refuse("package %s links to no items", it.ID)
		}
	}
	return it, nil
}

// body returns the item's text: the NITF or XHTML body of inline XML as HTML, or
// inline plain text.
func (g *g2Item) body() (string, bool) {
	type markup struct {
		Inner string `xml:",innerxml"`
	}
	for _, in := range g.Set.Inline {
		var doc struct {
			NITF  markup `xml:"nitf>body>body.content"`
			XHTML markup `xml:"html>body"`
		}
		if err := xml.Unmarshal([]byte("<inline>"+in.Inner+"</inline>"), &doc); err != nil {
			continue
		}
		if s := strings.TrimSpace(firstOf(doc.NITF.Inner, doc.XHTML.Inner)); s != "" {
			return s, true
		}
	}
	for _, d := range g.Set.Data {
		if s := strings.TrimSpace(d.Text); s != "" {
			return s, false
		}
	}
	return "", false
}

func g2Description(ds []described, roles ...string) string {
	for _, role := range roles {
		for _, d := range ds {
			if role == "" || d.Role == role {
				if s := clean(stripTags(d.Text)); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// stripTags keeps the text of a description that carries inline markup.
func stripTags(s string) string {
	var b strings.Builder
	dec := xml.NewDecoder(strings.NewReader("<x>" + s + "</x>"))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
	return b.String()
}
