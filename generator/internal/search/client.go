package search

import (
	"bytes"
	_ "embed"
	"fmt"
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

// clientBundle is a language's _search/<lang>/search.js: its manifest,
// registered first, then the client. A page that loads it starts a query
// without waiting for index.js: one request and one round trip fewer than
// the shared client, which loads the manifest only once it runs. The
// registry may exist already (another language's bundle, or the shared
// client): the manifest is then handed to it like any index file.
func clientBundle(lang string, manifest []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "(function(r,d){if(r.add){r.add(%q,\"index\",d);}else{r.files[%q]=d;}})(window.oersiteSearch=window.oersiteSearch||{files:{},waiting:{}},", lang, lang+"/index")
	b.Write(manifest)
	b.WriteString(");\n")
	b.Write(ClientJS())
	return b.Bytes()
}
