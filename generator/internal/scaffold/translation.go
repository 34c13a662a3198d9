package scaffold

import (
	"bytes"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Translation returns the text of a new translation of a page: the source's
// front matter with `needsTranslation: true` and `translatedFrom: <date>`
// added (so that checks can tell when the source changes afterwards), then
// its body, to be translated. sourceDate is the source's lastmod or date.
func Translation(src []byte, sourceDate time.Time) ([]byte, error) {
	src = bytes.TrimPrefix(src, []byte{0xEF, 0xBB, 0xBF})
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	date := sourceDate.Format("2006-01-02")
	var open, close, line1, line2 string
	switch {
	case strings.HasPrefix(text, "---\n"):
		open, close = "---\n", "\n---\n"
		line1, line2 = "needsTranslation: true\n", "translatedFrom: "+date+"\n"
	case strings.HasPrefix(text, "+++\n"):
		open, close = "+++\n", "\n+++\n"
		line1, line2 = "needsTranslation = true\n", "translatedFrom = "+date+"\n"
	default:
		return nil, diag.Phrasef("the page has no YAML (---) or TOML (+++) front matter to copy")
	}
	end := strings.Index(text[len(open):], close)
	if end < 0 {
		return nil, diag.Phrasef("the page's front matter is not closed")
	}
	fm := text[len(open) : len(open)+end+1]
	var kept []string
	for _, l := range strings.SplitAfter(fm, "\n") {
		k := strings.TrimSpace(l)
		if strings.HasPrefix(k, "needsTranslation") || strings.HasPrefix(k, "translatedFrom") {
			continue
		}
		kept = append(kept, l)
	}
	body := text[len(open)+end+len(close):]
	return []byte(open + strings.Join(kept, "") + line1 + line2 + close[1:] + body), nil
}

// MarkTranslated returns a translation's text marked as up to date with its
// source: `translatedFrom` set to sourceDate (replaced where it is, or added
// at the end of the front matter) and `needsTranslation` removed. Every other
// byte stays as it was, line endings included.
func MarkTranslated(text []byte, sourceDate time.Time) ([]byte, error) {
	date := sourceDate.Format("2006-01-02")
	lines := strings.SplitAfter(string(text), "\n")
	if len(lines) == 0 {
		return nil, diag.Phrasef("the page is empty")
	}
	first := strings.TrimRight(strings.TrimPrefix(lines[0], "\uFEFF"), "\r\n")
	sep, assign := "", ""
	switch first {
	case "---":
		sep, assign = "---", "translatedFrom: "
	case "+++":
		sep, assign = "+++", "translatedFrom = "
	default:
		return nil, diag.Phrasef("the page has no YAML (---) or TOML (+++) front matter")
	}
	eol := "\n"
	if strings.HasSuffix(lines[0], "\r\n") {
		eol = "\r\n"
	}
	out := []string{lines[0]}
	set := false
	for i := 1; i < len(lines); i++ {
		l := lines[i]
		k := strings.TrimSpace(l)
		switch {
		case k == sep:
			if !set {
				out = append(out, assign+date+eol)
			}
			return []byte(strings.Join(append(out, lines[i:]...), "")), nil
		case strings.HasPrefix(k, "needsTranslation"):
			continue
		case strings.HasPrefix(k, "translatedFrom"):
			out = append(out, assign+date+eol)
			set = true
		default:
			out = append(out, l)
		}
	}
	return nil, diag.Phrasef("the page's front matter is not closed")
}
