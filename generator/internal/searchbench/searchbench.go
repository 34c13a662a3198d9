// Package searchbench measures what the static search index costs on sites
// of real prose: for each size it writes a five-language site from a corpus
// (see package realtext), builds it, and prints the index's bytes and files,
// its largest shard, and, for a set of one-, two- and three-word queries run
// in headless Chromium against a local server that gzips like a static host,
// the wire bytes and requests of the first query with and without excerpts.
// With -peers it runs the same queries through Pagefind (../shared/bench/peers.sh).
//
//	go run ./cmd/searchbench -corpus /tmp/oer-corpus -sizes 1000,10000
//	go run ./cmd/searchbench -corpus /tmp/oer-corpus -sizes 10000 -peers ../shared/bench/peers.sh
//
// The corpus is read from outside the repository (see realtext for its
// layout); the sites are written under -dir (default: a folder under the
// system's temporary folder) and kept, so that a second run can reuse them
// with -reuse.
package searchbench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/realtext"
)

// DefaultQueries are one-, two- and three-word queries over the English
// text of the default corpus (the Python documentation).
const DefaultQueries = "iterator;deprecated;socket;exception handling;keyword arguments;unicode strings;read binary file;default encoding locale;thread safe queue"

// Main runs the benchmark with the command line args (without the program
// name) and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("searchbench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	corpus := fl.String("corpus", "/tmp/oer-corpus", "folder with one sub-folder of .po or .rst text per language")
	sizes := fl.String("sizes", "1000,10000", "total pages per site, comma-separated")
	langs := fl.String("langs", "en,fr,es,pt,it", "languages; the first is the default language, whose search page is measured")
	dir := fl.String("dir", filepath.Join(os.TempDir(), "oersite-searchbench"), "where the sites are written")
	reuse := fl.Bool("reuse", false, "reuse sites already written under -dir instead of writing them again")
	queries := fl.String("queries", DefaultQueries, "queries, separated by semicolons")
	peers := fl.String("peers", "", "path of peers.sh, to run the same queries through Pagefind")
	browser := fl.Bool("browser", true, "run the queries in headless Chromium")
	verbose := fl.Bool("v", false, "list the search files each query loads")
	rebuild := fl.Bool("build", true, "build the sites (false: measure the public/ folders of an earlier run, with -reuse)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	cfg := run{corpus: *corpus, langs: strings.Split(*langs, ","), dir: *dir, reuse: *reuse,
		queries: strings.Split(*queries, ";"), peers: *peers, browser: *browser, verbose: *verbose, build: *rebuild, out: stdout, log: stderr}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < len(cfg.langs) {
			fmt.Fprintf(stderr, "searchbench: bad size %q\n", s)
			return 2
		}
		if err := cfg.size(n); err != nil {
			fmt.Fprintln(stderr, "searchbench:", err)
			return 1
		}
	}
	return 0
}

// run holds one invocation's settings.
type run struct {
	corpus, dir, peers string
	langs, queries     []string
	reuse, browser     bool
	verbose, build     bool
	out, log           io.Writer
}

// buildSite builds a site afresh (no search index kept from before) and
// prints the build's time and its search stage's.
func (r run) buildSite(site string) error {
	fmt.Fprintf(r.log, "building %s...\n", site)
	if err := os.RemoveAll(filepath.Join(site, ".oersite")); err != nil {
		return err
	}
	res, err := build.Build(context.Background(), build.Options{Source: site, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	var stage time.Duration
	for _, t := range res.Timings {
		if t.Stage == "search" {
			stage += t.Took
		}
	}
	fmt.Fprintf(r.out, "build %.2f s; search stage (the wait for the search index after the pages) %.2f s, %.0f%%; timings mean little on a busy machine\n",
		res.Duration.Seconds(), stage.Seconds(), 100*stage.Seconds()/res.Duration.Seconds())
	return nil
}

// size writes, builds and measures the site of n pages.
func (r run) size(n int) error {
	site := filepath.Join(r.dir, fmt.Sprintf("site-%d", n))
	if _, err := os.Stat(filepath.Join(site, "config.toml")); err != nil || !r.reuse {
		if err := os.RemoveAll(site); err != nil {
			return err
		}
		fmt.Fprintf(r.log, "writing %d pages to %s...\n", n, site)
		if err := realtext.Write(site, realtext.Spec{Corpus: r.corpus, Languages: r.langs, Pages: n / len(r.langs)}); err != nil {
			return err
		}
	}
	fmt.Fprintf(r.out, "\n== %d pages (%s)\n", n, site)
	if r.build {
		if err := r.buildSite(site); err != nil {
			return err
		}
	}
	public := filepath.Join(site, "public")
	st, err := indexStats(filepath.Join(public, "_search"))
	if err != nil {
		return err
	}
	st.print(r.out)
	if r.browser {
		if err := r.browserQueries(public, r.langs[0]); err != nil {
			return err
		}
	}
	if r.peers != "" {
		return r.pagefind(site)
	}
	return nil
}
