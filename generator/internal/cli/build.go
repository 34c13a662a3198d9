package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/oersite/oersite/generator/internal/authorwords"
	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
)

func cmdBuild(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "build", "build [--source DIR] [--dest DIR] [--cache DIR|off] [--drafts] [--future] [--expired] [--offline] [--now DATE] [--full] [--verbose] [--timings] [--cpuprofile FILE] [--memprofile FILE]")
	source := fs.String("source", ".", "site folder holding config.toml, content/ and themes/")
	dest := fs.String("dest", "", "output folder (default SOURCE/public)")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	future := fs.Bool("future", false, "include pages whose date or publishDate is after the build date")
	expired := fs.Bool("expired", false, "include pages whose expiryDate has passed")
	offline := fs.Bool("offline", false, "build for opening from disk: every link ends in index.html")
	now := fs.String("now", "", "build date deciding upcoming webinars (default SOURCE_DATE_EPOCH or today)")
	full := fs.Bool("full", false, "build in full even when nothing the site is built from has changed since the last build")
	quiet := fs.Bool("quiet", false, "print errors only")
	timings := fs.Bool("timings", false, "print how long each stage took")
	verbose := fs.Bool("verbose", false, "print every warning in full instead of one line per kind")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (read it with go tool pprof)")
	memProfile := fs.String("memprofile", "", "write to this file the heap profile taken when the build held the most memory")
	var cache cacheFlag
	fs.Var(&cache, "cache", cacheUsage)
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	defer build.UseGCPercent()()
	stop, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		return err
	}
	defer stop()
	when, err := build.NowFrom(*now, os.Getenv, time.Now)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	opt := build.Options{Source: *source, Dest: *dest, Drafts: *drafts, Future: *future, Expired: *expired, Offline: *offline, Now: when, Full: *full}
	opt.CacheDir, opt.SearchInMemory = cache.dir, cache.off()
	var pr *progress
	if !*quiet {
		pr = newProgress(c.stderr, terminal(c.stderr), c.say().Phrases(), time.Now)
		opt.Progress = pr.report
	}
	res, err := build.Build(ctx, opt)
	if pr != nil {
		pr.done()
	}
	say := c.say()
	printDiags(c, say, res.Diags, *quiet, *verbose)
	p := say.Phrases()
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(c.stderr, p.Sayf("oersite build: stopped before it finished; the previous output was left as it was"))
		return exitError{130}
	}
	if err != nil {
		if len(build.Diagnostics(err)) > 0 {
			n := max(len(build.Diagnostics(err)), len(res.Diags.Errors()))
			return errors.New(p.Countf(n, "build failed with %d error; the previous output was left as it was", "build failed with %d errors; the previous output was left as it was", n))
		}
		return fmt.Errorf(p.Format("build failed: %w (the previous output was left as it was)"), err)
	}
	if *timings {
		for _, t := range res.Timings {
			note := throughput(t)
			if t.Note != "" {
				note += "  (" + t.Note + ")"
			}
			fmt.Fprintf(c.stderr, "%-10s %6d ms%s\n", t.Stage, t.Took.Milliseconds(), note)
		}
	}
	if !*quiet {
		out := *dest
		if out == "" {
			out = *source + "/public"
		}
		fmt.Fprintln(c.stdout, built(p, res, out))
		fmt.Fprint(c.stdout, howToLook(p, *source, out, *offline, res.Config.Offline))
	}
	return nil
}

// built is the line that says what a build did: how many pages and files,
// how long it took, where to, and whether it was up to date or rewrote only
// some pages.
func built(p diag.Phrases, res *build.Result, out string) string {
	pages, files := p.Countf(res.Pages, "%d page", "%d pages", res.Pages), p.Countf(len(res.Files), "%d file", "%d files", len(res.Files))
	took := res.Duration.Round(time.Millisecond)
	switch {
	case res.UpToDate:
		return p.Sayf("%s is up to date (%s, %s): nothing it is built from has changed since the last build; checked in %s", out, pages, files, took)
	case res.Patched > 0:
		again := p.Countf(res.Patched, "%d page was", "%d pages were", res.Patched)
		return p.Sayf("built %s, %s in %s into %s: only pages' text had changed since the last build, so %s written again and the others kept", pages, files, took, out, again)
	}
	return p.Sayf("built %s, %s in %s into %s", pages, files, took, out)
}

// howToLook tells, after a build, how to look at the result: a hosted
// build's links end in "/", which a browser opening files from disk shows
// as folder listings, so it is looked at through a server; an offline build
// (or the offline zip) opens from disk.
func howToLook(p diag.Phrases, source, out string, offline bool, cfg config.Offline) string {
	if offline {
		return p.Sayf("To look at it, open %s in a browser: this copy works from disk, without a server.", filepath.Join(out, "index.html")) + "\n"
	}
	serve := "oersite serve"
	if source != "." {
		serve += " --source " + source
	}
	msg := p.Sayf("Look at it with `%s` (http://127.0.0.1:1313/): this build is for a web server, and opened from disk its links show folder listings.", serve) + "\n"
	if cfg.Zip && cfg.ZipName != "" {
		return msg + p.Sayf("To open a copy from disk, unzip %s (or build with --offline) and open its index.html.", filepath.Join(out, cfg.ZipName)) + "\n"
	}
	return msg + p.Sayf("To open a copy from disk, build with --offline --dest DIR and open DIR/index.html.") + "\n"
}

// printDiags prints errors in full (at most maxShown) and, unless quiet,
// warnings: one line per kind, or each in full when verbose.
func printDiags(c *cli, say authorwords.Words, l diag.List, quiet, verbose bool) {
	const maxShown = 100
	l.Sort()
	if quiet {
		l = l.Errors()
	}
	fmt.Fprint(c.stderr, say.Diagnostics(l).ReportIn(say.Phrases(), verbose, maxShown))
}

func cmdVersion(_ context.Context, c *cli, _ []string) error {
	fmt.Fprintln(c.stdout, "oersite", version())
	return nil
}

// cacheFlag is --cache: where the search index is kept between builds.
// Not given, builds choose (see build.DefaultCacheDir); "" or "off" keeps
// it in memory only.
type cacheFlag struct {
	dir string
	set bool
}

const cacheUsage = "folder keeping the search index between builds (default SOURCE/.oersite, or the user's cache folder when the site is read-only; off: none)"

func (f *cacheFlag) String() string { return f.dir }

func (f *cacheFlag) Set(s string) error {
	f.dir, f.set = s, true
	if s == "off" {
		f.dir = ""
	}
	return nil
}

// off reports whether the index is to be kept in memory only.
func (f *cacheFlag) off() bool { return f.set && f.dir == "" }

// throughput is a stage's rate when it says how much it read: "  (31.8 MB
// on 2 cores, 33 MB/s)".
func throughput(t build.Timing) string {
	if t.Bytes == 0 || t.Took <= 0 {
		return ""
	}
	mb := float64(t.Bytes) / 1e6
	return fmt.Sprintf("  (%.1f MB on %d cores, %.0f MB/s)", mb, runtime.GOMAXPROCS(0), mb/t.Took.Seconds())
}
