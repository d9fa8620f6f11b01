package render

import (
	"fmt"
	"strings"
	"time"
)

// LongDate formats the day of t in loc as a news page prints it: "January 29, 1997".
func LongDate(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("January 2, 2006")
}

// PostedTime formats t as the "Web posted at" line does: the time in the site's zone
// in 12-hour form with its zone abbreviation, and the 24-hour GMT time in brackets,
// e.g. "8:15 p.m. EST (0115 GMT)". Noon is "12:00 p.m." and midnight "12:00 a.m.".
func PostedTime(t time.Time, loc *time.Location) string {
	local := t.In(loc)
	hour := local.Hour() % 12
	if hour == 0 {
		hour = 12
	}
	half := "a.m."
	if local.Hour() >= 12 {
		half = "p.m."
	}
	return fmt.Sprintf("%d:%02d %s %s (%s GMT)", hour, local.Minute(), half, zoneName(local), t.UTC().Format("1504"))
}

// zoneName is the zone's abbreviation, or "GMT+8" style when the zone database has
// no letters for it (Go prints "+08").
func zoneName(t time.Time) string {
	name, offset := t.Zone()
	if name != "" && !strings.ContainsAny(name[:1], "+-0123456789") {
		return name
	}
	h, m := offset/3600, (offset%3600)/60
	if m < 0 {
		m = -m
	}
	if m != 0 {
		return fmt.Sprintf("GMT%+d:%02d", h, m)
	}
	return fmt.Sprintf("GMT%+d", h)
}

// Dateline is the lead-in that opens a story's first paragraph: "BEIJING (Dateline) --".
func Dateline(city, shortName string) string {
	if strings.TrimSpace(city) == "" {
		return ""
	}
	return strings.ToUpper(strings.TrimSpace(city)) + " (" + shortName + ") --"
}
