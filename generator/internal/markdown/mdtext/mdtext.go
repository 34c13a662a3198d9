// Package mdtext writes text and link destinations into Markdown, for the
// readers that turn other formats into it (Word documents, learning
// platforms' courses), so that the page shows what the source showed.
package mdtext

import (
	"regexp"
	"strings"
)

// Escape keeps text from being read as Markdown: a backslash before each
// character that would start emphasis, code, a link, raw HTML or a table
// cell; a line break inside the text is a hard break.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return strings.ReplaceAll(b.String(), "\n", "\\\n")
}

// LinkDest writes a link's destination, in angle brackets when it holds
// spaces or brackets (which would end it otherwise).
func LinkDest(u string) string {
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

// fileName is a picture's file name.
var fileName = regexp.MustCompile(`(?i)^\S+\.(png|jpe?g|gif|bmp|svg|webp|tiff?|emf|wmf|heic)$`)

// NoDescription says whether a picture's description says nothing of it:
// only its file name ("IMG_2041.JPG", "bingo.jpg": Word's, PowerPoint's
// and learning platforms' default), or only marks (`""`, which an editor
// writes when a teacher types the empty quotes of "no description").
func NoDescription(alt string) bool {
	alt = strings.TrimSpace(alt)
	return fileName.MatchString(alt) || alt != "" && strings.Trim(alt, "\"'`“”‘’„«»-–—_.* ") == ""
}
