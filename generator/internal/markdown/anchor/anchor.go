// Package anchor holds the rule that names a heading's anchor (its id),
// for the Markdown renderer that sets the ids and for whatever writes
// Markdown linking to its own headings (an imported Word document's
// cross-references).
package anchor

import (
	"strconv"
	"strings"
	"unicode"
)

// Slug is a heading text's id before it is made unique: its letters and
// digits of every script, lower case, each run of spaces and punctuation
// one dash ("## Що е профил" -> "що-е-профил", "2.3 Prices" -> "2-3-prices");
// "section" when it has none.
func Slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '-' || r == '_' || unicode.IsSpace(r) || unicode.IsPunct(r):
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// Set is the ids of one document, in the order they were given.
type Set struct {
	used  map[string]bool
	order []string
}

// NewSet returns an empty set.
func NewSet() *Set { return &Set{used: map[string]bool{}} }

// Next is the id of the document's next heading, whose text (its Markdown
// source, as on its line) is text: its slug, with "-1", "-2"... when an
// id before it has it already.
func (s *Set) Next(text string) string {
	base := Slug(text)
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.Put(id)
	return id
}

// Put records an id the document sets itself ({#id}).
func (s *Set) Put(id string) {
	if !s.used[id] {
		s.used[id] = true
		s.order = append(s.order, id)
	}
}

// List is every id given, in order.
func (s *Set) List() []string { return s.order }
