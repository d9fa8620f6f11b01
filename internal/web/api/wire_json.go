package api

import (
	"time"

	"dateline/internal/wire"
)

// wireView is a queue item as the Admin API shows it.
type wireView struct {
	ID       int64     `json:"id"`
	Agency   string    `json:"agency"`
	ItemID   string    `json:"item_id"`
	Version  int       `json:"version"`
	Kind     string    `json:"kind"`
	Status   string    `json:"status"`
	Urgency  int       `json:"urgency"`
	Headline string    `json:"headline"`
	Format   string    `json:"format"`
	Received time.Time `json:"received_at"`
	Changed  time.Time `json:"changed_at"`
	Uses     int       `json:"uses"`
	Source   string    `json:"source"`             // whom the queue knows the item by, with item_id
	Embargo  time.Time `json:"embargo,omitzero"`   // not to be published before
	Warnings []string  `json:"warnings,omitempty"` // fields left out or read leniently
	// Only on a single item:
	Byline   string `json:"byline,omitempty"`
	Dateline string `json:"dateline,omitempty"`
	Body     string `json:"body_markdown,omitempty"`
	Raw      string `json:"raw,omitempty"`
}

func viewWire(e wire.Entry) wireView {
	return wireView{ID: e.ID, Agency: e.Item.Agency, ItemID: e.Item.ID, Version: e.Item.Version, Kind: string(e.Item.Kind),
		Status: string(e.Item.Status), Urgency: e.Item.Urgency, Headline: e.Item.Headline, Format: e.Item.Format,
		Received: e.Received, Changed: e.Changed, Uses: e.Uses, Source: e.Item.Key(), Embargo: e.Item.Embargo, Warnings: e.Item.Warnings}
}
