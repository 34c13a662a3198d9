package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letterFolds are letters that are not a base letter with a mark, written
// as the letters people type for them on any keyboard: Icelandic þ and ð,
// æ, œ, ø, German ß, Polish ł, Croatian đ, Turkish dotless ı.
var letterFolds = map[rune]string{'þ': "th", 'ð': "d", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ß': "ss", 'ł': "l", 'đ': "d", 'ı': "i"}

// keepLetter reports letters a language treats as its own and that its
// speakers do not type without their mark: Bulgarian й is not и.
func keepLetter(lang string, r rune) bool {
	return lang == "bg" && r == 'й'
}

// Fold lower-cases a word and removes accents, in every language, so that
// "perché" and "perche", "Þjálfun" and "thjalfun", "Bäckerei" and
// "backerei" meet. The browser client applies the same rules (client/search.js: folder).
// A word with nothing to fold comes back as itself, sharing its bytes: a
// caller keeping the result beyond the text the word was cut from copies it.
func Fold(lang, word string) string {
	lower := strings.ToLower(word)
	if ascii(lower) {
		return lower // nothing to fold
	}
	var b strings.Builder
	for _, r := range lower {
		if s, ok := letterFolds[r]; ok {
			b.WriteString(s)
			continue
		}
		if r < 0x80 || keepLetter(lang, r) {
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

// ascii reports whether s is all ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
