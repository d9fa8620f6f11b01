package wire

import (
	"bytes"
	"encoding/xml"
	"errors"
	"unicode/utf8"
)

// Parse reads one file of agency copy in whichever format it is, judged by its
// content rather than its name: a JSON object is ninjs, an XML document is NewsML-G2
// or a feed by its root element. It returns one result per item the file carries.
// channel is the way the file came in (a feed's URL, a drop folder, "ingest"): it
// identifies feed entries and the items of copy that names no provider.
func Parse(data []byte, channel string) ([]Result, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("the file is empty")
	}
	d, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	// Control characters go before any parser folds them into spaces.
	d.data = []byte(fixControls(string(d.data), d.legacy))
	results, err := parseUTF8(d.data, channel)
	for i := range results {
		it := &results[i].Item
		if results[i].Err != nil {
			continue
		}
		if !bytes.Equal(d.data, data) {
			it.Raw = bytes.Clone(data) // the copy as it came, not as it was read
		}
		it.Channel = channel
		it.Warnings = append(it.Warnings, d.warnings...)
		it.cleanText(d.legacy)
		it.nameItself()
		if it.Kind == KindText && it.Headline == "" {
			// The headline was all markup: the body's first sentence, or nothing to publish.
			if it.Headline = plainText(firstSentence(it.Body, it.BodyHTML)); it.Headline == "" {
				results[i] = Result{Err: errEmpty()}
				continue
			}
			it.HeadlineDerived = true
		}
	}
	return results, err
}

func parseUTF8(data []byte, channel string) ([]Result, error) {
	body := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	switch {
	case len(body) == 0:
		return nil, errors.New("the file is empty")
	case body[0] == '{' || body[0] == '[':
		it, err := ParseNinjs(data)
		if err != nil {
			return nil, err
		}
		return []Result{{Item: it}}, nil
	case body[0] == '<':
		root, err := xmlRoot(data)
		if err != nil {
			return nil, err
		}
		switch root {
		case "rss", "feed", "RDF":
			return ParseFeed(data, channel)
		}
		return ParseNewsML(data)
	}
	if !utf8.Valid(body[:min(len(body), 512)]) {
		return nil, refuse("unknown format: the file is neither JSON nor XML (it looks binary)")
	}
	return nil, refuse("unknown format: the file is neither JSON (ninjs) nor XML (NewsML-G2, RSS, Atom)")
}

// xmlRoot names the document's first element.
func xmlRoot(data []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	root, err := firstElement(dec)
	return root.Name.Local, err
}
