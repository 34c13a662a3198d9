package content

import (
	"sort"
	"strings"
	"time"
)

// MenuEntry is a page's entry in a menu, from front matter (Hugo's menu:
// main, or menu: {main: {name: ..., weight: ...}}).
type MenuEntry struct {
	Menu   string // "main"
	Name   string // the entry's text; empty: the page's title
	Weight int
	Parent string // the parent entry's name, in menus that nest
	Line   int
}

// foreign reads the front matter keys of other generators that change what
// is published or where: url, publishDate, expiryDate, categories, menu.
func (r *fieldReader) foreign(m *Meta) {
	m.URL = r.str("url")
	// Date is read from date, else publishDate: read publishDate again only
	// when both are there (reading a key twice repeats its warnings).
	if _, _, hasDate := r.lookup("date"); hasDate {
		m.PublishDate = r.date("publishDate", "pubDate", "published")
	} else if _, _, hasPub := r.lookup("publishDate"); !hasPub {
		m.PublishDate = r.date("pubDate", "published")
	}
	m.ExpiryDate = r.date("expiryDate", "unpublishDate", "expires")
	m.Categories = r.list("categories", "category")
	m.Menus = r.menus()
}

// NotBefore is the first moment the page may be published: its publishDate,
// else its date (as in Hugo).
func (m Meta) NotBefore() time.Time {
	if !m.PublishDate.IsZero() {
		return m.PublishDate
	}
	return m.Date
}

// Changed is the date a translation compares with: the page's lastmod,
// else its date; zero when it has neither.
func (m Meta) Changed() time.Time {
	if !m.Lastmod.IsZero() {
		return m.Lastmod
	}
	return m.Date
}

// menus reads menu (or menus): a menu name, a list of names, or a table of
// menus with each entry's name, weight and parent.
func (r *fieldReader) menus() []MenuEntry {
	k, v, ok := r.lookup("menu", "menus")
	if !ok || v == nil {
		return nil
	}
	line := r.line(k)
	var out []MenuEntry
	switch x := v.(type) {
	case string:
		for _, name := range strings.Split(x, ",") {
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, MenuEntry{Menu: name, Line: line})
			}
		}
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, MenuEntry{Menu: strings.TrimSpace(s), Line: line})
			}
		}
	case map[string]any:
		names := make([]string, 0, len(x))
		for name := range x {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			e := MenuEntry{Menu: name, Line: line}
			if t, ok := x[name].(map[string]any); ok {
				e.Name = strings.TrimSpace(scalarString(t["name"]))
				e.Parent = strings.TrimSpace(scalarString(t["parent"]))
				if t["name"] == nil {
					e.Name = ""
				}
				if t["parent"] == nil {
					e.Parent = ""
				}
				if w, ok := t["weight"].(int64); ok {
					e.Weight = int(w)
				}
			}
			out = append(out, e)
		}
	default:
		r.warnf(k, "write menu: main, or menu: {main: {weight: 10}}", "%s is not a menu name or a table of menus: ignored", k)
	}
	return out
}
