// Package benchsite measures oersite on sites of growing size, so that
// growth is visible: for each size it writes a 5-language site (synthetic,
// or real prose from a corpus with -corpus, see package realtext), builds it
// in a child process, and prints build time, CPU time (user and system),
// peak memory, output size and search index size; then the time of a
// second build with nothing changed, of a build after one page's text was
// edited (and its CPU time and peak memory), and of the build after a
// second edit of it (an author's next save: a patch build that stages from
// the output's previous version, which the first patch build kept).
//
//	go run ./cmd/benchsite                      # 1k, 10k and 50k pages
//	go run ./cmd/benchsite -sizes 1000,100000   # any sizes (total pages)
//	go run ./cmd/benchsite -corpus /tmp/oer-corpus -langs en,fr,es,pt,it -sizes 1000,10000,100000
package benchsite

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/realtext"
	"github.com/oersite/oersite/generator/internal/synth"
)

const childEnv = "OERSITE_BENCHSITE_CHILD"

// Main runs benchsite with the command line args (without the program name)
// and returns the exit code. When the environment names a site to build, it
// is the child process and builds that site alone.
func Main(args []string, stdout, stderr io.Writer) int {
	if dir := os.Getenv(childEnv); dir != "" {
		return child(dir, stderr)
	}
	fl := flag.NewFlagSet("benchsite", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sizes := fl.String("sizes", "1000,10000,50000", "total pages per site, comma-separated")
	langs := fl.String("langs", "en,it,de,es,fr", "languages")
	keep := fl.String("keep", "", "write the sites under this folder and keep them (default: a temporary folder, removed)")
	corpus := fl.String("corpus", "", "folder of real text, one sub-folder per language (see package realtext); default: synthetic sites")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if err := measure(*sizes, *langs, *keep, *corpus, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "benchsite:", err)
		return 1
	}
	return 0
}

// measure writes and builds one site per size and prints a row for each.
func measure(sizes, langs, keep, corpus string, stdout, stderr io.Writer) error {
	root := keep
	if root == "" {
		tmp, err := os.MkdirTemp("", "oersite-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		root = tmp
	}
	ls := strings.Split(langs, ",")
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%-8s %10s %8s %10s %12s %12s %8s %9s %10s %10s %11s %11s\n", "pages", "build_s", "cpu_s", "peak_MiB", "output_MiB", "search_MiB", "files", "again_s", "one_edit_s", "edit_cpu_s", "edit_MiB", "next_edit_s")
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < len(ls) {
			return fmt.Errorf("bad size %q", s)
		}
		dir := filepath.Join(root, fmt.Sprintf("site-%d", n))
		if err := writeSite(dir, corpus, ls, n/len(ls)); err != nil {
			return err
		}
		fresh, err := run(exe, dir, stderr)
		if err != nil {
			return fmt.Errorf("building %d pages: %w", n, err)
		}
		out, files := size(filepath.Join(dir, "public"), "")
		search, _ := size(filepath.Join(dir, "public"), "_search")
		again, err := run(exe, dir, stderr)
		if err != nil {
			return fmt.Errorf("building %d pages again: %w", n, err)
		}
		if err := editOnePage(dir, ls[0]); err != nil {
			return err
		}
		edited, err := run(exe, dir, stderr)
		if err != nil {
			return fmt.Errorf("building %d pages after an edit: %w", n, err)
		}
		if err := editOnePage(dir, ls[0]); err != nil {
			return err
		}
		next, err := run(exe, dir, stderr)
		if err != nil {
			return fmt.Errorf("building %d pages after a second edit: %w", n, err)
		}
		fmt.Fprintf(stdout, "%-8d %10.2f %8.2f %10.0f %12.1f %12.1f %8d %9.2f %10.2f %10.2f %11.0f %11.2f\n", n, fresh.took.Seconds(), fresh.cpu.Seconds(), fresh.peakMiB, mib(out), mib(search), files,
			again.took.Seconds(), edited.took.Seconds(), edited.cpu.Seconds(), edited.peakMiB, next.took.Seconds())
	}
	return nil
}

// writeSite writes a fresh site of perLang pages in each language into
// dir: real text from corpus, else synthetic. An earlier output and cache
// are removed, so that the first build is a fresh one.
func writeSite(dir, corpus string, langs []string, perLang int) error {
	for _, old := range []string{"content", "public", build.SiteCache} {
		if err := os.RemoveAll(filepath.Join(dir, old)); err != nil {
			return err
		}
	}
	if corpus != "" {
		return realtext.Write(dir, realtext.Spec{Corpus: corpus, Languages: langs, Pages: perLang})
	}
	return synth.Write(dir, synth.Spec{Languages: langs, Pages: perLang, Seed: 1})
}

// editOnePage changes a few words of the first content page of lang, as an
// author fixing a typo does.
func editOnePage(dir, lang string) error {
	var page string
	_ = filepath.WalkDir(filepath.Join(dir, "content", lang), func(p string, d fs.DirEntry, err error) error {
		if err == nil && page == "" && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), "_") {
			page = p
			return fs.SkipAll
		}
		return nil
	})
	if page == "" {
		return fmt.Errorf("no page to edit under %s", filepath.Join(dir, "content", lang))
	}
	b, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	return os.WriteFile(page, append(b, []byte("\nOne more sentence, added by benchsite.\n")...), 0o644)
}

// measured is one build in a child process.
type measured struct {
	took    time.Duration
	cpu     time.Duration // user and system time: on a machine shared or of varying speed, steadier than took
	peakMiB float64
}

// run builds dir in a child process: its peak memory is the build's alone.
func run(exe, dir string, stderr io.Writer) (measured, error) {
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"="+dir)
	cmd.Stderr = stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return measured{}, err
	}
	took := time.Since(start)
	peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return measured{took: took, cpu: cpu, peakMiB: float64(peak) / 1024}, nil
}

// child builds one site and exits: its peak memory is the build's alone.
func child(dir string, stderr io.Writer) int {
	defer build.UseGCPercent()() // as `oersite build` runs
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// size sums the files under root/sub.
func size(root, sub string) (int64, int) {
	var total int64
	n := 0
	_ = filepath.WalkDir(filepath.Join(root, sub), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
				n++
			}
		}
		return nil
	})
	return total, n
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }
