package siteimport

// WarnCode names a kind of conversion warning; the report counts them by code.
type WarnCode string

// The warnings an import reports.
const (
	WarnEncoding      WarnCode = "encoding repaired"
	WarnShortcode     WarnCode = "unknown shortcode kept as text"
	WarnBlock         WarnCode = "unknown block kept as text"
	WarnRemoved       WarnCode = "unsafe markup removed"
	WarnMissingFile   WarnCode = "photo file missing"
	WarnMediaRefused  WarnCode = "photo refused"
	WarnImageLeft     WarnCode = "image left at its old address"
	WarnSlugChanged   WarnCode = "slug changed"
	WarnSectionFolded WarnCode = "category folded into its ancestor"
	WarnPageFlattened WarnCode = "child page flattened"
	WarnNoTitle       WarnCode = "post without a title"
	WarnDuplicate     WarnCode = "duplicate ID skipped"
	WarnConflict      WarnCode = "edited in Dateline since the last import: left alone"
	WarnNoAltText     WarnCode = "photo without alt text"
	WarnInternalTag   WarnCode = "internal tag dropped"
	WarnUnknownAuthor WarnCode = "unknown author"
	WarnBadEmail      WarnCode = "author address that is not an address"
	WarnCut           WarnCode = "text cut to fit"
	WarnNotFiled      WarnCode = "not filed: refused by the site's rules"
	WarnProtected     WarnCode = "post for members or with a password kept as a draft"
)

// Warning is one thing an import could not carry over exactly, and where.
type Warning struct {
	Code   WarnCode
	Where  string // "post 12", "attachment 34"
	Detail string
}

func (w Warning) String() string {
	s := string(w.Code)
	if w.Where != "" {
		s = w.Where + ": " + s
	}
	if w.Detail != "" {
		s += ": " + w.Detail
	}
	return s
}
