package wire

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
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
	QCode   string   `xml:"qcode,attr"`
	URI     string   `xml:"uri,attr"`
	Literal string   `xml:"literal,attr"`
	Names   []string `xml:"name"`
}

// name is what a person reads for a provider or rights holder: its name, else its
// literal, else a readable form of its code ("web:www.xmlteam.com" is
// "xmlteam.com", "nprov:AcmeNews" is "AcmeNews"), never the raw code.
func (q qcode) name() string {
	if n := clean(first(q.Names)); n != "" {
		return n
	}
	if l := clean(q.Literal); l != "" {
		return l
	}
	code := strings.TrimSpace(q.QCode)
	if code == "" && q.URI != "" {
		code = strings.TrimSpace(q.URI)
	}
	if u, err := url.Parse(code); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	if _, c, ok := strings.Cut(code, ":"); ok {
		code = c
	}
	return strings.TrimPrefix(strings.TrimSpace(code), "www.")
}

// natureOf is the code of a nature given by its URI, or the URI itself when it is
// not in the IPTC scheme.
func natureOf(uri string) string {
	u := strings.Replace(uri, "https://", "http://", 1)
	if code, ok := strings.CutPrefix(u, ninatURI); ok {
		return strings.Trim(code, "/")
	}
	return uri
}

// identity is a provider as the document names it, for matching, not for show.
func (q qcode) identity() string {
	return firstOf(strings.TrimSpace(q.QCode), strings.TrimSpace(q.URI), clean(q.Literal), clean(first(q.Names)))
}

// ninatURI is the IPTC scheme of item classes (news item natures).
const ninatURI = "http://cv.iptc.org/newscodes/ninature/"

// class resolves an itemClass to its code in the IPTC nature scheme, whatever
// the document calls the scheme: the standard "ninat" alias, an alias its own
// catalog maps to the scheme's URI, the full URI, or (leniently) any alias of a
// known code ("icls:text").
func (q qcode) class(schemes map[string]string) string {
	if u := strings.TrimSpace(q.URI); u != "" {
		return natureOf(u)
	}
	if strings.Contains(q.QCode, "//") {
		return natureOf(strings.TrimSpace(q.QCode)) // a URI written where the qcode goes
	}
	alias, code, ok := strings.Cut(strings.TrimSpace(q.QCode), ":")
	if !ok {
		return strings.TrimSpace(q.QCode)
	}
	if uri, known := schemes[alias]; known && strings.TrimSuffix(uri, "/")+"/" != ninatURI {
		return alias + ":" + code // another scheme's code: not a nature
	}
	return code
}

type described struct {
	Role string `xml:"role,attr"`
	Text string `xml:",innerxml"`
}

type g2Item struct {
	GUID    string `xml:"guid,attr"`
	Version string `xml:"version,attr"`
	Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Catalog []struct {
		Schemes []struct {
			Alias string `xml:"alias,attr"`
			URI   string `xml:"uri,attr"`
		} `xml:"scheme"`
	} `xml:"catalog"`
	Rights struct {
		Holder qcode `xml:"copyrightHolder"`
	} `xml:"rightsInfo"`
	Meta struct {
		Class          qcode  `xml:"itemClass"`
		Provider       qcode  `xml:"provider"`
		VersionCreated string `xml:"versionCreated"`
		FirstCreated   string `xml:"firstCreated"`
		Embargoed      string `xml:"embargoed"`
		Status         qcode  `xml:"pubStatus"`
		Title          string `xml:"title"`
		Links          []struct {
			Rel         string `xml:"rel,attr"`
			Href        string `xml:"href,attr"`
			ResidRef    string `xml:"residref,attr"`
			ContentType string `xml:"contenttype,attr"`
			Class       qcode  `xml:"itemClass"`
			Title       string `xml:"title"`
		} `xml:"link"`
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
			Headline string `xml:"headline"`
		} `xml:"itemRef"`
	} `xml:"groupSet>group"`
	Refs []struct { // a newsMessage's package lists its items directly
		ResidRef string `xml:"residref,attr"`
	} `xml:"itemRef"`
}

func (g *g2Item) item(element string) (Item, error) {
	it := Item{Format: "NewsML-G2", ID: strings.TrimSpace(g.GUID)}
	if it.ID == "" {
		return Item{}, errors.New("no guid: an item needs its agency id")
	}
	schemes := map[string]string{}
	for _, c := range g.Catalog {
		for _, sc := range c.Schemes {
			schemes[strings.TrimSpace(sc.Alias)] = strings.TrimSpace(sc.URI)
		}
	}
	it.Status = readStatus(&it, g2Code(g.Meta.Status))
	it.Headline = firstOf(clean(first(g.Content.Headlines)), clean(g.Meta.Title), clean(g.Content.Slugline))
	it.Body, it.BodyHTML = g.body()
	bare := it.Headline == "" && it.Body == "" && len(g.Set.Remote) == 0 && len(g.Groups) == 0 && len(g.Refs) == 0
	class := g.Meta.Class.class(schemes)
	switch {
	case bare && it.Status != StatusUsable:
		it.Kind = KindNotice // a withdrawal naming the item, whatever its class
	case element == "packageItem" || class == "composite" && len(g.Groups) > 0:
		it.Kind = KindPackage
	case class == "text" || class == "" && !bare:
		it.Kind = KindText
	case class == "picture" || class == "graphic":
		it.Kind = KindPicture
	case class == "video" || class == "audio":
		return Item{}, refuse("%s items are not taken: Dateline publishes text and pictures", class)
	case class == "":
		return Item{}, errEmpty()
	default:
		return Item{}, refuse("a %s news item is not copy Dateline publishes", class)
	}
	if g.Version != "" {
		if v, err := strconv.Atoi(strings.TrimSpace(g.Version)); err == nil && v >= 0 {
			it.Version = v
		} else {
			it.warn("version %q is not a whole number; left out", g.Version)
		}
	}
	if u := strings.TrimSpace(g.Content.Urgency); u != "" {
		if n, err := strconv.Atoi(u); err == nil && n >= 0 && n <= 9 {
			it.Urgency = n
		} else {
			it.warn("urgency %q is outside 1-9; left out", u)
		}
	}
	it.Language = readLanguage(&it, firstOf(strings.TrimSpace(g.Content.Language.Tag), strings.TrimSpace(g.Lang)))
	it.Updated = readTime(&it, g.Meta.VersionCreated, "versionCreated")
	it.Created = readTime(&it, firstOf(strings.TrimSpace(g.Meta.FirstCreated), strings.TrimSpace(g.Content.Created)), "firstCreated")
	if it.Created.IsZero() {
		it.Created = it.Updated
	}
	it.Embargo = readTime(&it, g.Meta.Embargoed, "embargoed")
	it.Byline = clean(g.Content.By)
	if it.Byline == "" && len(g.Content.Creators) > 0 {
		it.Byline = g.Content.Creators[0].name()
	}
	it.Dateline = firstOf(clean(g.Content.Dateline), clean(first(g.Content.Located.Names)))
	// The agency shown is a name: the rights holder's, a source's, the provider's.
	it.Agency = g.Rights.Holder.name()
	for _, s := range g.Content.Sources {
		it.Agency = firstOf(it.Agency, clean(first(s.Names)), clean(s.Literal))
	}
	it.Agency = firstOf(it.Agency, g.Meta.Provider.name())
	// The queue knows the item by its provider, which a withdrawal names too, even
	// when the item's rights holder (the name shown) is someone else.
	it.Source = firstOf(g.Meta.Provider.identity(), it.Agency)
	for _, s := range g.Content.Subjects {
		if n := clean(first(s.Names)); n != "" {
			it.Subjects = append(it.Subjects, n)
		}
	}
	if it.Kind == KindNotice {
		return it, nil
	}
	if it.Kind == KindText && it.Headline == "" {
		if it.Headline = firstSentence(it.Body, it.BodyHTML); it.Headline == "" {
			return Item{}, errEmpty()
		}
		it.HeadlineDerived = true
	}
	it.Summary = g2Description(g.Content.Description, "drol:summary", "drol:abstract", "")

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
					Ref{ID: strings.TrimSpace(r.ResidRef), Kind: r.Class.class(schemes), Title: firstOf(clean(r.Title), clean(r.Headline))},
				)
			}
		}
		for _, r := range g.Refs {
			it.Refs = append(it.Refs, Ref{ID: strings.TrimSpace(r.ResidRef)})
		}
		if len(it.Refs) == 0 {
			return Item{}, refuse("package %s links to no items", it.ID)
		}
	case KindText:
		g.linkedPictures(&it, schemes)
	}
	return it, nil
}

// linkedPictures makes a story whose itemMeta links to pictures a package of the
// story and them: a picture's file given by href becomes a member, one given as
// another item (residref) a reference the desk finds in the queue.
func (g *g2Item) linkedPictures(it *Item, schemes map[string]string) {
	var members []Item
	var refs []Ref
	for _, l := range g.Meta.Links {
		picture := strings.HasPrefix(strings.TrimSpace(l.ContentType), "image/") || l.Class.class(schemes) == "picture"
		if !picture {
			continue
		}
		switch href, ref := strings.TrimSpace(l.Href), strings.TrimSpace(l.ResidRef); {
		case href != "":
			members = append(members, Item{Format: it.Format, Kind: KindPicture, Agency: it.Agency, Source: it.Source,
				ID: firstOf(ref, href), Status: StatusUsable, Caption: firstOf(clean(l.Title), it.Headline), Credit: it.Agency,
				Renditions: []Rendition{{Name: "link", Href: href, MediaType: strings.TrimSpace(l.ContentType)}}})
		case ref != "":
			refs = append(refs, Ref{ID: ref, Kind: "picture", Title: clean(l.Title)})
		}
	}
	if len(members) == 0 && len(refs) == 0 {
		return
	}
	story := *it
	it.Kind, it.Members, it.Refs = KindPackage, append([]Item{story}, members...), refs
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
			return s, strings.Contains(d.ContentType, "html") // the content type says which, not the text
		}
	}
	return "", false
}

// g2Code is a code without its scheme alias ("stat:canceled" is "canceled").
func g2Code(q qcode) string {
	code := strings.TrimSpace(q.QCode)
	if _, c, ok := strings.Cut(code, ":"); ok {
		return c
	}
	return code
}

func g2Description(ds []described, roles ...string) string {
	for _, role := range roles {
		for _, d := range ds {
			if d.Role == role { // "" is a description with no role
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
