package content

import (
	"net/url"
	"strings"
	"time"
)

// Author is a person or organisation who made a page. Front matter writes
// an author as plain text ("Ana Pérez") or as a table with a type and an
// identifier: {name: Ana Pérez, type: Person, id: https://orcid.org/...}.
type Author struct {
	Name string
	// Type is "Person" or "Organization", or empty when the front matter
	// gives only a name (the site model decides then).
	Type string
	// ID is a web address naming the author for good: ORCID, ROR, Wikidata,
	// the organisation's own site.
	ID string
}

// AuthorTypes are the values an author's type may take.
var authorTypes = map[string]string{"person": "Person", "organization": "Organization", "organisation": "Organization"}

// authors reads `authors` (or `author`): a list of names or of {name, type, id} tables.
func (r *fieldReader) authors() []Author {
	k, v, ok := r.lookup("authors", "author")
	if !ok || v == nil {
		return nil
	}
	return r.authorList(k, v)
}

// authorList reads the value of an authors key (k, for messages): a name,
// names separated by commas, a table, or a list of these.
func (r *fieldReader) authorList(k string, v any) []Author {
	items, isList := v.([]any)
	if !isList {
		items = []any{v}
	}
	var out []Author
	for _, it := range items {
		switch x := it.(type) {
		case map[string]any:
			if a, ok := r.authorTable(k, x); ok {
				out = append(out, a)
			}
		case string:
			if isList {
				out = append(out, splitAuthor(x)...)
				continue
			}
			for _, n := range strings.Split(x, ",") {
				out = append(out, splitAuthor(n)...)
			}
		case int64, float64, bool:
			out = append(out, Author{Name: scalarString(x)})
		default:
			r.errorf(k, "write each author as a name or as {name: ..., type: Person, id: https://orcid.org/...}", "%s: unexpected item %v", k, it)
		}
	}
	return out
}

func splitAuthor(s string) []Author {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return []Author{{Name: s}}
}

// authorTable reads one {name, type, id} author.
func (r *fieldReader) authorTable(key string, x map[string]any) (Author, bool) {
	a := Author{Name: tableString(x, "name"), ID: tableString(x, "id", "url", "orcid", "ror")}
	if a.Name == "" {
		r.errorf(key, "give each author a name: {name: Ana Pérez, type: Person}", "an author has no name")
		return a, false
	}
	if t := tableString(x, "type"); t != "" {
		a.Type = authorTypes[strings.ToLower(t)]
		if a.Type == "" {
			r.errorf(key, "write type: Person or type: Organization", "author %q: unknown type %q", a.Name, t)
		}
	}
	if a.ID != "" {
		if u, err := url.Parse(a.ID); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			r.errorf(key, "write the full address, e.g. https://orcid.org/0000-0002-1825-0097 or https://ror.org/...", "author %q: id %q is not a web address", a.Name, a.ID)
			a.ID = ""
		}
	}
	return a, true
}

// tableString returns the first of names a front matter table has, as text.
func tableString(x map[string]any, names ...string) string {
	for _, n := range names {
		if e, ok := x[n]; ok && e != nil {
			if t, ok := e.(time.Time); ok {
				return t.Format(time.RFC3339)
			}
			return strings.TrimSpace(scalarString(e))
		}
	}
	return ""
}

// recording reads a webinar's recording: an address, or
// {url: ..., thumbnail: ..., date: ...} for search engines' video results.
func (r *fieldReader) recording() Recording {
	k, v, ok := r.lookup("recording", "recordingURL")
	if !ok || v == nil {
		return Recording{}
	}
	switch x := v.(type) {
	case string:
		return Recording{URL: strings.TrimSpace(x)}
	case map[string]any:
		rec := Recording{URL: tableString(x, "url", "link"), Thumbnail: tableString(x, "thumbnail", "image")}
		switch d := x["date"].(type) {
		case time.Time:
			rec.Uploaded = d
		case string:
			t, _, err := ParseDate(d)
			if err != nil {
				r.errorf(k, "write the date as YYYY-MM-DD", "recording date %q: %v", d, err)
			}
			rec.Uploaded = t
		}
		if rec.URL == "" {
			r.errorf(k, "write recording: {url: https://..., thumbnail: picture.jpg, date: 2026-10-20}", "the recording has no url")
		}
		return rec
	}
	r.errorf(k, "write recording: https://... or {url: ..., thumbnail: ..., date: ...}", "%s should be an address or a table", k)
	return Recording{}
}
