// Command gensite writes a synthetic multilingual training site for
// benchmarks, so that oersite and its peers build exactly the same content:
//
//	go run ./cmd/gensite -pages 2000 -langs en,it,de,es,fr DIR
//	go run ./cmd/oersite build --source DIR
//	../shared/bench/peers.sh DIR tutor business
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/oersite/oersite/generator/synth"
)

func main() {
	pages := flag.Int("pages", 2000, "Markdown pages per language")
	langs := flag.String("langs", "en,it,de,es,fr", "comma-separated language codes")
	seed := flag.Uint64("seed", 1, "random seed (same seed, same site)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "Usage: gensite [-pages N] [-langs en,it,...] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	spec := synth.Spec{Languages: strings.Split(*langs, ","), Pages: *pages, Seed: *seed}
	if err := synth.Write(flag.Arg(0), spec); err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d languages x %d pages into %s\n", len(spec.Languages), *pages, flag.Arg(0))
}
