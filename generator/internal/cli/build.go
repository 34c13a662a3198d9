package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

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
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (for `go tool pprof`)")
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
		pr = newProgress(c.stderr, terminal(c.stderr), time.Now)
		opt.Progress = pr.report
	}
	res, err := build.Build(ctx, opt)
	if pr != nil {
		pr.done()
	}
	printDiags(c, res.Diags, *quiet, *verbose)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(c.stderr, "oersite build: stopped before it finished; the previous output was left as it was")
		return exitError{130}
	}
	if err != nil {
		if len(build.Diagnostics(err)) > 0 {
			n := max(len(build.Diagnostics(err)), len(res.Diags.Errors()))
			return fmt.Errorf("build failed with %d error(s); the previous output was left as it was", n)
		}
		return fmt.Errorf("build failed: %w (the previous output was left as it was)", err)
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
		if res.UpToDate {
			fmt.Fprintf(c.stdout, "%s is up to date (%d pages, %d files): nothing it is built from has changed since the last build; checked in %s\n", out, res.Pages, len(res.Files), res.Duration.Round(time.Millisecond))
		} else if res.Patched > 0 {
			again := fmt.Sprintf("%d pages were", res.Patched)
			if res.Patched == 1 {
				again = "1 page was"
			}
			fmt.Fprintf(c.stdout, "built %d pages, %d files in %s into %s: only pages' text had changed since the last build, so %s written again and the others kept\n",
				res.Pages, len(res.Files), res.Duration.Round(time.Millisecond), out, again)
		} else {
			fmt.Fprintf(c.stdout, "built %d pages, %d files in %s into %s\n", res.Pages, len(res.Files), res.Duration.Round(time.Millisecond), out)
		}
		fmt.Fprint(c.stdout, howToLook(*source, out, *offline, res.Config.Offline))
	}
	return nil
}

// howToLook tells, after a build, how to look at the result: a hosted
// build's links end in "/", which a browser opening files from disk shows
// as folder listings, so it is looked at through a server; an offline build
// (or the offline zip) opens from disk.
func howToLook(source, out string, offline bool, cfg config.Offline) string {
	if offline {
		return fmt.Sprintf("To look at it, open %s in a browser: this copy works from disk, without a server.\n", filepath.Join(out, "index.html"))
	}
	serve := "oersite serve"
	if source != "." {
		serve += " --source " + source
	}
	msg := fmt.Sprintf("Look at it with `%s` (http://127.0.0.1:1313/): this build is for a web server, and opened from disk its links show folder listings.\n", serve)
	if cfg.Zip && cfg.ZipName != "" {
		return msg + fmt.Sprintf("To open a copy from disk, unzip %s (or build with --offline) and open its index.html.\n", filepath.Join(out, cfg.ZipName))
	}
	return msg + "To open a copy from disk, build with --offline --dest DIR and open DIR/index.html.\n"
}

// printDiags prints errors in full (at most maxShown) and, unless quiet,
// warnings: one line per kind, or each in full when verbose.
func printDiags(c *cli, l diag.List, quiet, verbose bool) {
	const maxShown = 100
	l.Sort()
	if quiet {
		l = l.Errors()
	}
	if len(l) > 0 {
		l = c.say().Diagnostics(l)
	}
	fmt.Fprint(c.stderr, l.Report(verbose, maxShown))
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
