// Command benchsite measures oersite on synthetic sites of growing size, so
// that growth is visible: for each size it writes a 5-language site, builds
// it in a child process, and prints build time, peak memory, output size and
// search index size.
//
//	go run ./cmd/benchsite                      # 1k, 10k and 50k pages
//	go run ./cmd/benchsite -sizes 1000,100000   # any sizes (total pages)
package main

import (
	"os"

	"github.com/oersite/oersite/generator"
)

func main() { os.Exit(generator.Benchsite(os.Args[1:], os.Stdout, os.Stderr)) }
