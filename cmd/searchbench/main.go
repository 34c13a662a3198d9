// Command searchbench measures the static search index on real-text sites of
// growing size, in headless Chromium, optionally against Pagefind:
//
//	go run ./cmd/searchbench -corpus /tmp/oer-corpus -sizes 1000,10000
package main

import (
	"os"

	"github.com/oersite/oersite/generator"
)

func main() { os.Exit(generator.Searchbench(os.Args[1:], os.Stdout, os.Stderr)) }
