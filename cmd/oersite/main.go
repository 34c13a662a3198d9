// Command oersite builds static sites for open educational resources from
// multilingual Markdown: training modules, webinars and OER metadata in,
// HTML, a prebuilt search index, feeds and a request form out.
//
//	oersite build [--source DIR] [--dest DIR] [--drafts] [--offline] [--now TIME]
//	oersite serve [--port 1313] [--bind 127.0.0.1] [--drafts] [--forms FILE]
//	oersite search [--lang en] "query words"
//	oersite new module|lesson|webinar|resource|translation ...
//	oersite check [--format text|json]
//	oersite mirror SOURCE DEST
//	oersite version
package main

import (
	"os"

	"github.com/oersite/oersite/generator"
)

func main() {
	os.Exit(generator.Main(os.Args[1:], os.Stdout, os.Stderr))
}
