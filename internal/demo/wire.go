package demo

import (
	"context"
	"fmt"
	"time"

	"dateline/internal/wire"
)

// wireCopy is the demo's agency copy, as ninjs an agency would send: two stories
// and a photo from two invented agencies, so the wire queue has something in it.
var wireCopy = []string{
	`{"uri": "urn:harbourwire.example:2026:night-ferries", "type": "text", "version": "1", "pubstatus": "usable", "urgency": 4,
	  "language": "en", "copyrightholder": "Harbour Wire", "by": "Tomas Reyne", "located": "KELLMOUTH",
	  "headlines": [{"role": "main", "value": "Night ferry timetable extended through the winter"}],
	  "bodies": [{"role": "main", "contenttype": "text/html", "value": "<p>The late ferry between Kellmouth and the outer islands will keep running until March, the operator said on Friday.</p><p>Island councils had asked for the extra sailing after a busy autumn. The last boat leaves the mainland at 11.40 p.m.</p>"}]}`,
	`{"uri": "urn:valleypress.example:2026:rail-bridge", "type": "text", "version": "2", "pubstatus": "usable", "urgency": 1,
	  "language": "en", "copyrightholder": "Valley Press", "located": "ASHFORD CROSSING",
	  "headlines": [{"role": "main", "value": "Rail bridge reopens after overnight inspection"}],
	  "bodies": [{"role": "main", "contenttype": "text/plain", "value": "Trains are running again over the Ashford Crossing bridge after engineers finished an overnight inspection.\nServices were expected to be back to the normal timetable by mid-morning."}]}`,
	`{"uri": "urn:harbourwire.example:2026:boats-photo", "type": "picture", "version": "1", "pubstatus": "usable",
	  "copyrightholder": "Harbour Wire", "headlines": [{"value": "Boats shelter in Kellmouth harbour"}],
	  "descriptions": [{"role": "caption", "value": "Fishing boats wait out the weather in Kellmouth harbour."}],
	  "renditions": [{"name": "original", "href": "https://harbourwire.example/photos/boats.jpg", "contenttype": "image/jpeg",
		"width": 1600, "height": 1067}]}`,
}

// loadWire queues the demo's agency copy, received an hour apart before now.
func loadWire(ctx context.Context, st Store, now time.Time) error {
	for i, doc := range wireCopy {
		results, err := wire.Parse([]byte(doc), "demo")
		if err != nil {
			return fmt.Errorf("wire copy %d: %w", i, err)
		}
		at := now.Add(-time.Duration(len(wireCopy)-i) * time.Hour)
		if _, _, err := st.SaveWireItem(ctx, results[0].Item, at); err != nil {
			return err
		}
	}
	return nil
}
