package dialect

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

// zolaCall matches the inside of a Zola shortcode: name(key=value, ...).
var zolaCall = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^()]*)\)\s*$`)
})

// parseZola reads the inside of {{ }} or {% %} (block) as a Zola
// shortcode: name(key=value, ...), or, in a block tag, end (which closes
// the last one opened). Its arguments' offsets count from the tag's start.
func parseZola(inner []byte, block bool) (Tag, bool) {
	if block && string(bytes.TrimSpace(inner)) == "end" {
		return Tag{Zola: true, Closing: true}, true
	}
	m := zolaCall().FindSubmatchIndex(inner)
	if m == nil {
		return Tag{}, false
	}
	args, ok := zolaArgs(inner[m[4]:m[5]], 2+m[4])
	if !ok {
		return Tag{}, false
	}
	return Tag{Zola: true, Name: strings.ToLower(string(inner[m[2]:m[3]])), Args: args}, true
}

// zolaArgs reads key=value arguments separated by commas: values quoted
// ("…", '…', `…`) or bare (a number, true, false). Offsets count from off.
func zolaArgs(b []byte, off int) ([]Arg, bool) {
	var out []Arg
	i := 0
	for {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == ',') {
			i++
		}
		if i >= len(b) {
			return out, true
		}
		k := keyLen(b[i:])
		if k == 0 {
			return nil, false // Zola takes named arguments only
		}
		a := Arg{Key: string(b[i : i+k])}
		i += k + 1
		for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
			i++
		}
		if i < len(b) && (b[i] == '"' || b[i] == '\'' || b[i] == '`') {
			a.Value, a.Start, a.Stop, i = readValue(b, i)
		} else {
			end := i
			for end < len(b) && b[end] != ',' && b[end] != ' ' {
				end++
			}
			a.Value, a.Start, a.Stop, i = string(b[i:end]), i, end, end
		}
		a.Start += off
		a.Stop += off
		out = append(out, a)
	}
}

// zola reads a Zola shortcode in the text: the video and gist shortcodes
// Zola once had built in (and themes keep) become links, as Hugo's do; any
// other is shown as written, with a warning. Callouts and disclosures on
// lines of their own are read by the block parser.
func (t transform) zola(s *Shortcode) {
	switch s.Name {
	case "youtube", "vimeo":
		t.video(s)
	case "gist":
		if a, ok := s.Get("url", -1); ok && strings.HasPrefix(a.Value, "https://gist.github.com/") && !strings.ContainsAny(a.Value, " \"<>") {
			t.warnNamed(s, diag.Hintf("write the bare URL %s on its own line instead", a.Value), "shortcode %q read as a link")
			s.Parent().ReplaceChild(s.Parent(), s, linkTo(a.Value))
			return
		}
		fallthrough
	default:
		t.warnNamed(s, "oersite reads Zola's youtube, vimeo and gist shortcodes, and note, tip, warning and details around Markdown: write what this one stands for in Markdown",
			"shortcode %q of another generator is shown as text")
	}
}
