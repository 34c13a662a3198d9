// Package gensite writes a synthetic multilingual training site for
// benchmarks, so that oersite and its peers build exactly the same content:
//
//	go run ./cmd/gensite -pages 2000 -langs en,it,de,es,fr DIR
//	go run ./cmd/oersite build --source DIR
//	../shared/bench/peers.sh DIR tutor business
package gensite

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/oersite/oersite/generator/internal/synth"
)

// Main runs gensite with the command line args (without the program name)
// and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gensite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.Int("pages", 2000, "Markdown pages per language")
	langs := fs.String("langs", "en,it,de,es,fr", "comma-separated language codes")
	seed := fs.Uint64("seed", 1, "random seed (same seed, same site)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gensite [-pages N] [-langs en,it,...] DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	spec := synth.Spec{Languages: strings.Split(*langs, ","), Pages: *pages, Seed: *seed}
	if err := synth.Write(fs.Arg(0), spec); err != nil {
		fmt.Fprintln(stderr, "gensite:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d languages x %d pages into %s\n", len(spec.Languages), *pages, fs.Arg(0))
	return 0
}
