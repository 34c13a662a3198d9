package scaffold

import (
	"bytes"
	"fmt"
	"strings"
	"time"
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
		return nil, fmt.Errorf("the page has no YAML (---) or TOML (+++) front matter to copy")
	}
	end := strings.Index(text[len(open):], close)
	if end < 0 {
		return nil, fmt.Errorf("the page's front matter is not closed")
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
