// Package partner is the normalised form of what partners publish: their
// learning resources (Item) and events (Event), as `oersite harvest` writes
// them into data/partners/<id>/ and the build reads them back. The files are
// committed to git, so they are written in a stable order, one file per
// partner and kind, for diffs that read well in a pull request.
//
// Everything here is hostile input twice over (fetched from another host,
// then stored in a repository anyone may edit): Clean bounds every text,
// keeps only http(s) links and drops what cannot be shown safely, both when
// harvesting and when the build reads the files. The package does no
// network I/O and knows nothing about pages or templates.
package partner

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/config"
)

// Dir is the folder, from the site root, that holds one folder per partner.
const Dir = "data/partners"

// File names inside data/partners/<id>/.
const (
	ItemsFile  = "items.json"
	EventsFile = "events.json"
	StateFile  = "state.json"
)

// Item is one learning resource, course or article a partner publishes.
type Item struct {
	// ID identifies the item at the partner (usually its address).
	ID string `json:"id"`
	// URL is where readers go to see it, on the partner's site.
	URL         string   `json:"url"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Languages   []string `json:"languages,omitempty"`
	// Type is a short resource type: course, text, video, worksheet,
	// presentation, audio, article, image, other.
	Type string `json:"type,omitempty"`
	// Licence is the item's licence URL (or SPDX id) as the partner gives
	// it; empty: the partner's default licence applies.
	Licence  string   `json:"licence,omitempty"`
	Authors  []string `json:"authors,omitempty"`
	Keywords []string `json:"keywords,omitempty"`
	// Date is the publication or last change date, YYYY-MM-DD.
	Date string `json:"date,omitempty"`
}

// Event is one event (a webinar, a workshop) a partner announces.
type Event struct {
	ID          string    `json:"id"`
	URL         string    `json:"url,omitempty"`
	Title       string    `json:"title"`
	Description string    `json:"description,omitempty"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	Language    string    `json:"language,omitempty"`
	// Feed is the calendar the event was read from, so that a calendar
	// that did not change keeps its events when another one did.
	Feed string `json:"feed,omitempty"`
}

// Data is what the build knows of one partner: its settings and its last
// harvested items and events.
type Data struct {
	Partner config.Partner
	Items   []Item
	Events  []Event
	// Gone is the day a harvest found the partner's address gone; its
	// data is the last harvested before.
	Gone string
}

// Limits on what is kept of one record.
const (
	maxTitle       = 300
	maxDescription = 1200
	maxName        = 200
	maxList        = 20
	maxURL         = 2000
)

// Clean bounds an item's texts, keeps only http(s) addresses and reports
// whether the item can be shown (it needs a title and an address).
func (it *Item) Clean() bool {
	it.ID = text(it.ID, maxURL)
	it.URL = webURL(it.URL)
	if it.URL == "" {
		it.URL = webURL(it.ID)
	}
	it.Title = text(it.Title, maxTitle)
	it.Description = text(it.Description, maxDescription)
	it.Languages = list(it.Languages, 16, langTag)
	it.Type = text(strings.ToLower(it.Type), 40)
	it.Licence = text(it.Licence, maxURL)
	it.Authors = list(it.Authors, maxName, nil)
	it.Keywords = list(it.Keywords, 80, nil)
	if it.Date != "" {
		if _, err := time.Parse("2006-01-02", it.Date); err != nil {
			it.Date = ""
		}
	}
	if it.ID == "" {
		it.ID = it.URL
	}
	return it.Title != "" && it.URL != ""
}

// Clean bounds an event's texts and reports whether it can be shown (a
// title, an identifier and a start).
func (e *Event) Clean() bool {
	e.ID = text(e.ID, maxURL)
	e.URL = webURL(e.URL)
	e.Title = text(e.Title, maxTitle)
	e.Description = text(e.Description, maxDescription)
	e.Language = langTag(text(e.Language, 16))
	e.Feed = webURL(e.Feed)
	e.Start, e.End = e.Start.UTC(), e.End.UTC()
	if e.End.Before(e.Start) || e.End.IsZero() {
		e.End = e.Start.Add(time.Hour)
	}
	if e.ID == "" {
		e.ID = e.URL
	}
	return e.Title != "" && e.ID != "" && !e.Start.IsZero() && e.Start.Year() > 1970 && e.Start.Year() < 3000
}

// Sort puts items and events in the order the files keep: items by id,
// events by start, then id. Duplicate ids keep their first record.
func Sort(items []Item, events []Event) ([]Item, []Event) {
	slices.SortStableFunc(items, func(a, b Item) int { return cmp.Compare(a.ID, b.ID) })
	items = slices.CompactFunc(items, func(a, b Item) bool { return a.ID == b.ID })
	slices.SortStableFunc(events, func(a, b Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	events = slices.CompactFunc(events, func(a, b Event) bool { return a.ID == b.ID && a.Start.Equal(b.Start) })
	return items, events
}

// text collapses white space, drops control and format characters and
// cuts the text at max characters, on a word boundary where it can.
func text(s string, max int) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != '\u200d' {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max]
	cut := strings.LastIndexByte(string(r), ' ')
	if cut < len(string(r))/2 {
		cut = len(string(r))
	}
	return strings.TrimRight(string(r)[:cut], ",;: ") + "…"
}

// list cleans every entry, drops empty ones and keeps at most maxList.
func list(in []string, max int, norm func(string) string) []string {
	var out []string
	for _, s := range in {
		s = text(s, max)
		if norm != nil {
			s = norm(s)
		}
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
		if len(out) == maxList {
			break
		}
	}
	return out
}

// langTag keeps a language tag's primary subtag, lower-cased ("pt-BR" ->
// "pt"), or "" when it is not one.
func langTag(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return s
}

// webURL returns s when it is an absolute http(s) address, else "".
func webURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxURL || strings.ContainsAny(s, " \t\r\n<>\"") {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	return u.String()
}

// WebURL returns s when it is an absolute http(s) address, else "": the
// only addresses partner data may link to.
func WebURL(s string) string { return webURL(s) }
