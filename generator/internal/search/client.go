package search

import (
	_ "embed"
)

//go:embed client/search.js
var clientJS []byte

// ClientJS returns the browser client, written by the build to _search/search.js.
func ClientJS() []byte { return append([]byte(nil), clientJS...) }
