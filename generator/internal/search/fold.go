package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// keepLetters are letters that languages treat as their own and must not be
// folded to a base letter: Icelandic þ, ð, æ, ö and the German ß.
func keepLetter(lang string, r rune) bool {
	switch lang {
	case "is":
		return strings.ContainsRune("þðæöáéíóúý", r)
	case "bg":
		return r == 'й' // й is a letter of its own, not и with a mark
	}
	return false
}

// Fold lower-cases a word and removes accents where the language allows it
// (é -> e, ü -> u), so that "perché" and "perche" meet. The browser client
// applies the same rules (see client/search.js: fold).
func Fold(lang, word string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(word) {
		if r == 'ß' {
			b.WriteString("ss")
			continue
		}
		if keepLetter(lang, r) {
			b.WriteRune(r)
			continue
		}
		for _, c := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, c) {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}

// words splits text into words the way the client splits a query: runs of
// letters and digits (with inner apostrophes and hyphens split off).
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) })
}

// shardKey is the shard a folded word belongs to: its first two characters.
func shardKey(folded string) string {
	r := []rune(folded)
	if len(r) > 2 {
		r = r[:2]
	}
	return string(r)
}
