package harvest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/oersite/oersite/generator/internal/partner"
)

// parseAMB reads a catalogue of AMB / schema.org LearningResource records
// in JSON: a list (as an oersite site's catalog.json), or an object holding
// the list under "@graph", "items" or "hits", or one record.
func parseAMB(data []byte, max int) ([]partner.Item, error) {
	var raw []json.RawMessage
	trimmed := strings.TrimSpace(string(data))
	if strings.HasPrefix(trimmed, "{") {
		var wrap map[string]json.RawMessage
		if err := json.Unmarshal(data, &wrap); err != nil {
			return nil, fmt.Errorf("the catalogue is not valid JSON: %v", err)
		}
		list := firstOf(wrap, "@graph", "items", "hits", "data")
		if list == nil {
			raw = []json.RawMessage{json.RawMessage(data)}
		} else if err := json.Unmarshal(list, &raw); err != nil {
			return nil, fmt.Errorf("the catalogue's list is not a JSON array: %v", err)
		}
	} else if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("the catalogue is not valid JSON: %v", err)
	}
	if len(raw) > max {
		return nil, fmt.Errorf("the catalogue holds %d records, more than the %d accepted", len(raw), max)
	}
	items := make([]partner.Item, 0, len(raw))
	for _, r := range raw {
		var rec map[string]json.RawMessage
		if json.Unmarshal(r, &rec) != nil {
			continue // one bad record does not spoil the others
		}
		if rec["_source"] != nil { // search engine hits wrap the record
			if json.Unmarshal(rec["_source"], &rec) != nil {
				continue
			}
		}
		items = append(items, ambItem(rec))
	}
	return items, nil
}

func firstOf(m map[string]json.RawMessage, keys ...string) json.RawMessage {
	for _, k := range keys {
		if v, ok := m[k]; ok {
			return v
		}
	}
	return nil
}

// ambItem maps one AMB record.
func ambItem(rec map[string]json.RawMessage) partner.Item {
	it := partner.Item{
		ID:          str(rec["id"], rec["@id"]),
		Title:       str(rec["name"]),
		Description: str(rec["description"]),
		Languages:   strs(rec["inLanguage"]),
		Licence:     idOf(rec["license"]),
		Keywords:    strs(rec["keywords"]),
		Date:        day(str(rec["dateModified"], rec["datePublished"], rec["dateCreated"])),
	}
	for _, m := range objs(rec["mainEntityOfPage"]) {
		if u := str(m["id"], m["@id"]); u != "" {
			it.URL = u
			break
		}
	}
	if it.URL == "" {
		it.URL = str(rec["url"])
	}
	for _, c := range objs(rec["creator"]) {
		if n := str(c["name"]); n != "" {
			it.Authors = append(it.Authors, n)
		}
	}
	for _, t := range objs(rec["learningResourceType"]) {
		if id := str(t["id"]); id != "" {
			it.Type = typeFromHCRT(id)
			break
		}
	}
	return it
}

// typeFromHCRT maps an HCRT concept (https://w3id.org/kim/hcrt/video) or a
// free type name to the short types pages show.
func typeFromHCRT(id string) string {
	t := strings.ToLower(id[strings.LastIndexAny(id, "/#")+1:])
	switch t {
	case "course", "text", "video", "worksheet", "audio", "image", "article":
		return t
	case "slide", "slides", "presentation":
		return "presentation"
	case "web_page", "case_study", "index", "reference", "book", "textbook", "lesson_plan":
		return "text"
	case "audio_recording", "podcast":
		return "audio"
	case "movingimage", "moving_image", "film":
		return "video"
	case "event":
		return "event"
	}
	return "other"
}

// str returns the first value that is a string (or a language map's
// first value: {"en": "Title"}).
func str(vs ...json.RawMessage) string {
	for _, v := range vs {
		if v == nil {
			continue
		}
		var s string
		if json.Unmarshal(v, &s) == nil && s != "" {
			return s
		}
		var m map[string]string
		if json.Unmarshal(v, &m) == nil {
			for _, k := range []string{"en", "de", "it", "fr", "es"} {
				if m[k] != "" {
					return m[k]
				}
			}
			for _, s := range m {
				if s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// strs reads a string or a list of strings.
func strs(v json.RawMessage) []string {
	if v == nil {
		return nil
	}
	var l []string
	if json.Unmarshal(v, &l) == nil {
		return l
	}
	if s := str(v); s != "" {
		return []string{s}
	}
	return nil
}

// objs reads an object or a list of objects.
func objs(v json.RawMessage) []map[string]json.RawMessage {
	if v == nil {
		return nil
	}
	var l []map[string]json.RawMessage
	if json.Unmarshal(v, &l) == nil {
		return l
	}
	var o map[string]json.RawMessage
	if json.Unmarshal(v, &o) == nil {
		return []map[string]json.RawMessage{o}
	}
	return nil
}

// idOf reads {"id": "..."} or a plain string.
func idOf(v json.RawMessage) string {
	for _, o := range objs(v) {
		if s := str(o["id"], o["@id"]); s != "" {
			return s
		}
	}
	return str(v)
}

// day keeps the YYYY-MM-DD of a date or date-time.
func day(s string) string {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return ""
}
