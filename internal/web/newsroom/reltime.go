package newsroom

import (
	"fmt"
	"html"
	"html/template"
	"time"

	"dateline/internal/render"
)

// relative says how long ago, or how soon, t is from now, the way a busy desk reads
// a list: "just now", "4 min ago", "3 h ago", "2 days ago", "in 12 h". Past a month
// it gives up and the page shows the date.
func relative(t, now time.Time) string {
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var span string
	switch {
	case d < time.Minute:
		if future {
			return "in under a minute"
		}
		return "just now"
	case d < time.Hour:
		span = fmt.Sprintf("%d min", int(d/time.Minute))
	case d < 48*time.Hour:
		span = fmt.Sprintf("%d h", int(d/time.Hour))
	case d < 31*24*time.Hour:
		span = fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	default:
		return ""
	}
	if future {
		return "in " + span
	}
	return span + " ago"
}

// when shows a time as the lists do: relative, with the exact time in a tooltip and
// for screen readers; past a month, the exact time alone.
func when(t, now time.Time, loc *time.Location) template.HTML {
	exact := html.EscapeString(render.LongDate(t, loc) + ", " + render.PostedTime(t, loc))
	iso := t.Format(time.RFC3339)
	rel := relative(t, now)
	if rel == "" {
		return template.HTML(`<time datetime="` + iso + `">` + exact + `</time>`)
	}
	return template.HTML(`<time datetime="` + iso + `" title="` + exact + `">` + html.EscapeString(rel) +
		`<span class="visually-hidden"> (` + exact + `)</span></time>`)
}
