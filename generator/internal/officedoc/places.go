package officedoc

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/markdown/anchor"
)

// A link to a place in the document itself (Word's cross-references and
// links to a bookmark or a heading, LibreOffice's links to a heading, a
// jump to another slide) becomes a link to the heading of the section
// that holds the place: a page has ids only on its headings. While the
// body is written, such a link is held in the text as placeOpen, its
// text, placeMid, the place's name, placeClose (bytes no XML text holds);
// each place is recorded with the section it is in; finish puts the
// headings' ids in (resolve), or the text alone when the place is not
// under a heading.
const (
	placeLinkPrefix = "\x00" // a run's link to a place: the prefix, then the place's name
	placeOpen       = "\x01"
	placeMid        = "\x02"
	placeClose      = "\x03"
	// maxPlaces bounds the places recorded (a hostile document's millions
	// of bookmarks).
	maxPlaces = 100_000
)

// places is what the converter knows of the document's own places.
type places struct {
	pending []string       // places met since the last block was written
	at      map[string]int // a place -> the heading of its section (-1: the top, before any)
	// headings are the texts of the headings written, in order (each as
	// on its Markdown line: the text its id is made from).
	headings []string
}

// placeLink is a run's link to the place named name.
func placeLink(name string) string { return placeLinkPrefix + name }

// mark records a place (a bookmark) met in the text: it belongs to the
// next block written.
func (c *converter) mark(name string) {
	if name != "" && len(c.places.at)+len(c.places.pending) < maxPlaces {
		c.places.pending = append(c.places.pending, name)
	}
}

// settleMarks puts the places met so far in the section of heading i.
func (c *converter) settleMarks(i int) {
	if c.places.at == nil {
		c.places.at = map[string]int{}
	}
	for _, name := range c.places.pending {
		if _, ok := c.places.at[name]; !ok {
			c.places.at[name] = i
		}
	}
	c.places.pending = c.places.pending[:0]
}

// settleAfter puts the places met in the section written to when out has
// grown past before (a block was written); places in what wrote nothing
// wait for the next block.
func (c *converter) settleAfter(before int) {
	if c.out.Len() > before && len(c.places.pending) > 0 {
		c.settleMarks(len(c.places.headings) - 1)
	}
}

// placed writes s (Markdown) as a link to a place, for resolve.
func placed(s, link string) string {
	return placeOpen + s + placeMid + strings.TrimPrefix(link, placeLinkPrefix) + placeClose
}

// unplace is s without its links to places, their text kept.
func unplace(s string) string {
	return eachPlace(s, func(text, _ string) string { return text })
}

// eachPlace replaces each link to a place in s (see placed) by what
// write makes of its text and the place's name.
func eachPlace(s string, write func(text, name string) string) string {
	if !strings.Contains(s, placeOpen) {
		return s
	}
	var b strings.Builder
	for {
		open := strings.Index(s, placeOpen)
		mid := strings.Index(s, placeMid)
		end := strings.Index(s, placeClose)
		if open < 0 || mid < open || end < mid {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:open] + write(s[open+1:mid], s[mid+1:end]))
		s = s[end+1:]
	}
}

// resolve writes each link to a place in md: to its section's heading, by
// the id the page gives that heading; as its text alone, named in Left,
// when the place is before every heading or not found.
func (c *converter) resolve(md string) string {
	if !strings.Contains(md, placeOpen) {
		return md
	}
	ids := anchor.NewSet()
	idOf := make([]string, len(c.places.headings))
	for i, h := range c.places.headings {
		idOf[i] = ids.Next(h)
	}
	return eachPlace(md, func(text, name string) string {
		if i := c.placeHeading(name); i >= 0 {
			return "[" + text + "](#" + idOf[i] + ")"
		}
		c.left(diag.Phrasef("links to places in the document that are not under a heading (their words stay)"))
		return text
	})
}

var headingNumber = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*\.?\s*`)

// placeHeading is the heading of the section holding the place: where the
// place was met, or (LibreOffice's "Heading text|outline") the heading of
// that text, with or without its number; -1 when none.
func (c *converter) placeHeading(name string) int {
	if i, ok := c.places.at[name]; ok {
		return i
	}
	text, ok := strings.CutSuffix(name, "|outline")
	if !ok {
		return -1
	}
	text = strings.TrimSpace(text)
	for i, h := range c.places.headings {
		h = plain(h)
		if h == text || headingNumber.ReplaceAllString(h, "") == headingNumber.ReplaceAllString(text, "") {
			return i
		}
	}
	return -1
}

// hrefPlace is the place an OpenDocument link's address names ("#Prices",
// "#Prices%7Coutline"), or "" when it names another document or a site.
func hrefPlace(href string) string {
	name, ok := strings.CutPrefix(href, "#")
	if !ok {
		return ""
	}
	if u, err := url.PathUnescape(name); err == nil {
		name = u
	}
	return name
}
