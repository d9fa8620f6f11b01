package render

import (
	"encoding/json"
	"html/template"
)

// JSONLD encodes structured data for a <script type="application/ld+json"> element.
// encoding/json escapes <, > and &, so no value can close the element.
func JSONLD(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}
