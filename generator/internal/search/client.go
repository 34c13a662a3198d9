package search

import (
	"bytes"
	_ "embed"
)

//go:embed client/search.js
var clientJS []byte

// ClientJS returns the browser client, written by the build to
// _search/search.js: client/search.js without its comments and indentation
// (every visitor's first query downloads it). The source keeps whole-line
// comments only, so dropping those lines changes no code.
func ClientJS() []byte {
	src := clientJS
	if i := bytes.Index(src, []byte("*/\n")); bytes.HasPrefix(src, []byte("/*")) && i >= 0 {
		src = src[i+3:]
	}
	var out bytes.Buffer
	for _, line := range bytes.Split(src, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || bytes.HasPrefix(line, []byte("//")) {
			continue
		}
		out.Write(line)
		out.WriteByte('\n')
	}
	return out.Bytes()
}
