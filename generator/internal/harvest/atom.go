package harvest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/oersite/oersite/generator/internal/partner"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	Lang    string      `xml:"lang,attr"`
	Author  []atomName  `xml:"author"`
	Rights  string      `xml:"rights"`
	Entries []atomEntry `xml:"entry"`
}

type atomName struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Lang      string     `xml:"lang,attr"`
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Summary   string     `xml:"summary"`
	Content   string     `xml:"content"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
	Rights    string     `xml:"rights"`
	Authors   []atomName `xml:"author"`
	Links     []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

// parseAtom reads an Atom feed's entries as items (type article unless
// a category names a known type). HTML in summaries is kept as its text.
func parseAtom(data []byte, max int) ([]partner.Item, error) {
	var f atomFeed
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("the Atom feed is not valid XML: %v", err)
	}
	if len(f.Entries) > max {
		return nil, fmt.Errorf("the feed holds %d entries, more than the %d accepted", len(f.Entries), max)
	}
	items := make([]partner.Item, 0, len(f.Entries))
	for _, e := range f.Entries {
		it := partner.Item{ID: e.ID, Title: e.Title, Description: stripTags(firstNonEmpty(e.Summary, e.Content)),
			Type: "article", Date: day(firstNonEmpty(e.Updated, e.Published)), Licence: firstNonEmpty(e.Rights, f.Rights)}
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				it.URL = l.Href
				break
			}
		}
		if lang := firstNonEmpty(e.Lang, f.Lang); lang != "" {
			it.Languages = []string{lang}
		}
		authors := e.Authors
		if len(authors) == 0 {
			authors = f.Author
		}
		for _, a := range authors {
			it.Authors = append(it.Authors, a.Name)
		}
		for _, c := range e.Categories {
			if t := typeFromHCRT(c.Term); t != "other" {
				it.Type = t
			} else {
				it.Keywords = append(it.Keywords, c.Term)
			}
		}
		items = append(items, it)
	}
	return items, nil
}

// stripTags keeps the text of an HTML fragment (escaped HTML in a feed's
// summary): tags are dropped, the common entities decoded.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			b.WriteByte(' ')
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&nbsp;", " ").Replace(b.String())
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}
