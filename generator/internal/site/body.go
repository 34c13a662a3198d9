package site

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"slices"
)

// BySource returns the page each source file makes, by the file's path
// from the site folder: not its fallback copies in other languages, nor
// the further pages of a long list.
func (s *Site) BySource() map[string]*Page {
	out := map[string]*Page{}
	for _, p := range s.Pages {
		if p.Source != nil && p.FallbackOf == nil && out[p.Source.Path] == nil {
			out[p.Source.Path] = p // the further pages of a list come after it
		}
	}
	return out
}

// BodyCopies are the pages whose own body is p's: p, its fallback copies
// in the other languages, and the further pages of their lists (each
// shows the section's introduction). They share p's source.
func (s *Site) BodyCopies(p *Page) []*Page {
	var pages []*Page
	for _, q := range s.Pages {
		if q == p || (p.Source != nil && q.Source == p.Source) {
			pages = append(pages, q)
		}
	}
	return pages
}

// BodyReaders are the pages whose output shows p's body (its rendered
// Markdown): its BodyCopies, and the printable pages of the modules they
// belong to. It is the one rule for what an edit of a page's body (and
// nothing else) reaches: the dev server's updates and the command line's
// patch builds both follow it.
func (s *Site) BodyReaders(p *Page) []*Page {
	return s.withPrintPages(s.BodyCopies(p))
}

// withPrintPages adds to pages the printable pages of their modules: a
// module's printable page shows its lessons' bodies.
func (s *Site) withPrintPages(pages []*Page) []*Page {
	for _, q := range s.Pages {
		if q.Kind == KindPrint && q.Of != nil && slices.ContainsFunc(pages, func(l *Page) bool { return l.Module == q.Of }) {
			pages = append(pages, q)
		}
	}
	return pages
}

// Surface is a digest of everything of a page that pages other than its
// BodyReaders may show or depend on: its front matter, title and summary
// (derived from the body when the front matter has none), its headings,
// anchors and links as other pages see them (not the lines they are on),
// its knowledge checks, and whether its body holds interface strings. Two
// builds whose page has the same Surface differ, for every other page,
// only in what BodyReaders lists. ok is false when the page cannot be
// summed (its knowledge checks do not encode); then nothing may be assumed.
func (p *Page) Surface() (sum [sha256.Size]byte, ok bool) {
	h := sha256.New()
	var n [8]byte
	str := func(v string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(v)))
		h.Write(n[:])
		h.Write([]byte(v))
	}
	if p.Source != nil {
		h.Write(p.Source.FrontHash[:])
	}
	str(string(p.Kind))
	str(p.Title)
	str(p.Summary)
	for _, hd := range p.Headings {
		str(string(rune('0' + hd.Level)))
		str(hd.ID)
		str(hd.Text)
	}
	str("ids")
	for _, id := range p.IDs {
		str(id)
	}
	str("links")
	for _, l := range p.Links {
		str(l.Dest)
		str(l.Href)
		str(l.Alt)
		var flags byte
		for i, b := range []bool{l.Image, l.Resolved, l.Relative} {
			if b {
				flags |= 1 << i
			}
		}
		h.Write([]byte{flags})
	}
	quizzes, err := json.Marshal(p.Quizzes)
	if err != nil {
		return sum, false
	}
	h.Write(quizzes)
	if p.UsesLabels {
		h.Write([]byte{1})
	}
	h.Sum(sum[:0])
	return sum, true
}
