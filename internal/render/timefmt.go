package render

import (
	"fmt"
	"strings"
	"time"
)

// Calendar is how dates and times are written in one language: public pages take
// theirs from the theme's labels; the newsroom writes English.
type Calendar struct {
	Months    [12]string
	LongDate  string // fmt format of the month's name, the day and the year: "%[1]s %[2]d, %[3]d"
	MonthYear string // fmt format of the month's name and the year: "%[1]s %[2]d"
	AM, PM    string
}

// English writes "January 29, 1997" and "8:15 p.m.".
var English = englishCalendar()

func englishCalendar() Calendar {
	c := Calendar{LongDate: "%[1]s %[2]d, %[3]d", MonthYear: "%[1]s %[2]d", AM: "a.m.", PM: "p.m."}
	for m := range c.Months {
		c.Months[m] = time.Month(m + 1).String()
	}
	return c
}

// LongDate formats the day of t in loc as a news page prints it: "January 29, 1997".
func LongDate(t time.Time, loc *time.Location) string { return English.Date(t, loc) }

// PostedTime is English.Time.
func PostedTime(t time.Time, loc *time.Location) string { return English.Time(t, loc) }

// Date formats the day of t in loc: "January 29, 1997".
func (c Calendar) Date(t time.Time, loc *time.Location) string {
	local := t.In(loc)
	return fmt.Sprintf(c.LongDate, c.Months[local.Month()-1], local.Day(), local.Year())
}

// Month formats the month of t in loc: "January 1997".
func (c Calendar) Month(t time.Time, loc *time.Location) string {
	local := t.In(loc)
	return fmt.Sprintf(c.MonthYear, c.Months[local.Month()-1], local.Year())
}

// Time formats t as the "Web posted at" line does: the time in the site's zone in
// 12-hour form with its zone abbreviation, and the 24-hour GMT time in brackets,
// e.g. "8:15 p.m. EST (0115 GMT)". Noon is "12:00 p.m." and midnight "12:00 a.m.".
func (c Calendar) Time(t time.Time, loc *time.Location) string {
	local := t.In(loc)
	hour := local.Hour() % 12
	if hour == 0 {
		hour = 12
	}
	half := c.AM
	if local.Hour() >= 12 {
		half = c.PM
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
