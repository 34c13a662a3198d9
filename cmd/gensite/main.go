// Command gensite writes a synthetic multilingual training site for
// benchmarks, so that oersite and its peers build exactly the same content:
//
//	go run ./cmd/gensite -pages 2000 -langs en,it,de,es,fr DIR
//	go run ./cmd/oersite build --source DIR
//	../shared/bench/peers.sh DIR tutor business
package main

import (
	"os"

	"github.com/oersite/oersite/generator"
)

func main() { os.Exit(generator.Gensite(os.Args[1:], os.Stdout, os.Stderr)) }
