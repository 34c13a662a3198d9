package markdown

import (
	"bytes"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// preprocess turns other generators' video shortcodes into bare video links
// (which become embeds) and warns about the shortcodes it cannot read, which
// stay in the page as text.
func preprocess(doc Doc) ([]byte, diag.List) {
	src := doc.Source
	if !bytes.Contains(src, []byte("{{")) {
		return src, nil
	}
	var diags diag.List
	li := newLineIndex(src, doc.BodyLine)
	var out bytes.Buffer
	last := 0
	for _, m := range shortcodeRE.FindAllSubmatchIndex(src, -1) {
		name := strings.ToLower(string(src[m[2]:m[3]]))
		args := strings.Fields(strings.NewReplacer(`"`, " ", `'`, " ", "id=", " ").Replace(string(src[m[4]:m[5]])))
		line := li.line(m[0])
		var url string
		if len(args) > 0 {
			switch name {
			case "youtube":
				url = "https://www.youtube.com/watch?v=" + args[0]
			case "vimeo":
				url = "https://vimeo.com/" + args[0]
			}
		}
		if url == "" || !safeID.MatchString(args[0]) {
			diags.Add(diag.Warnf(doc.File, line, "oersite has no shortcodes: write a Markdown link, or a bare video URL on its own line for an embed",
				"shortcode %q of another generator is shown as text", name))
			continue
		}
		diags.Add(diag.Warnf(doc.File, line, "write the bare URL "+url+" on its own line instead", "shortcode %q read as a video embed", name))
		out.Write(src[last:m[0]])
		out.WriteString(url)
		last = m[1]
	}
	if last == 0 {
		return src, diags
	}
	out.Write(src[last:])
	return out.Bytes(), diags
}
