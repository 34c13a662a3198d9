package search

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// The excerpts look for a term's matches in the bodies of a document's
// sections. The analysis pass reads every word of the body already: it
// records, per document, each section's words that have terms as they
// will be looked for (excerptWords), so that cutting excerpts needs
// neither cutting the text again nor looking its words up, only the
// passages' few words around a match.

// bodyCuts returns where the excerpts cut a document's body: for each
// section, the offsets of its start and of its body's (see body), then
// the body's end. ok is false when the body cannot be read in those
// pieces word for word as it is read whole: the sections do not tile it,
// or a cut does not fall beside an ASCII character that is not part of a
// word (where a word might run across it, or the characters be decoded
// differently on each side).
func bodyCuts(d Doc) (cuts []int, ok bool) {
	secs := sectionsOf(d)
	cuts = make([]int, 0, 2*len(secs)+1)
	at := 0
	for _, s := range secs {
		if !strings.HasPrefix(d.Body[at:], s.Text) {
			return nil, false
		}
		cuts = append(cuts, at, at+len(s.Text)-len(body(s)))
		at += len(s.Text)
	}
	if at != len(d.Body) {
		return nil, false
	}
	cuts = append(cuts, at)
	for _, c := range cuts {
		if !cleanCut(d.Body, c) {
			return nil, false
		}
	}
	return cuts, true
}

// cleanCut tells whether text reads word for word the same cut at at:
// the ends, or beside an ASCII character that is not part of a word. An
// ASCII byte is a character of its own however the bytes around it
// decode, and no word runs across it.
func cleanCut(text string, at int) bool {
	asciiGap := func(c byte) bool { return c < utf8.RuneSelf && !isWordByte(c) }
	return at <= 0 || at >= len(text) || asciiGap(text[at-1]) || asciiGap(text[at])
}

// excerptWords is a document's section bodies' words as the excerpts look
// for them: per section, for each of its words and each of the word's
// folded terms (wordAnalysis.foldIDs), the term's number plus one and the
// word's offset in the section's body (from the word before, as a
// difference), both as varints; a zero ends each section. Stop words,
// which have no terms, are left out. nil: not recorded (see bodyCuts).
type excerptWords []byte

// wordsWriter records excerptWords.
type wordsWriter struct {
	b    []byte
	last int // the last word's offset in its section's body
}

// word records a word of the current section's body at offset start.
func (w *wordsWriter) word(start int, wa *wordAnalysis) {
	for _, id := range wa.foldIDs {
		w.b = binary.AppendUvarint(w.b, uint64(id)+1)
		w.b = binary.AppendUvarint(w.b, uint64(start-w.last))
		w.last = start
	}
}

// endSection ends the current section.
func (w *wordsWriter) endSection() {
	w.b = append(w.b, 0)
	w.last = 0
}

// eachSectionWord calls fn with each word of the section whose record
// starts at from in words, in order: its offset in the section's body and
// one of its folded terms' numbers. It returns where the next section's
// record starts.
func (words excerptWords) eachSectionWord(from int, fn func(start int, id int32)) int {
	at := 0
	for from < len(words) {
		v, n := binary.Uvarint(words[from:])
		if n <= 0 || v == 0 {
			return from + max(n, 1)
		}
		from += n
		d, m := binary.Uvarint(words[from:])
		if m <= 0 {
			return len(words)
		}
		from += m
		at += int(d)
		fn(at, int32(v-1))
	}
	return from
}
