// Package benchsite measures oersite on synthetic sites of growing size, so
// that growth is visible: for each size it writes a 5-language site, builds
// it in a child process, and prints build time, peak memory, output size and
// search index size.
//
//	go run ./cmd/benchsite                      # 1k, 10k and 50k pages
//	go run ./cmd/benchsite -sizes 1000,100000   # any sizes (total pages)
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
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if err := measure(*sizes, *langs, *keep, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "benchsite:", err)
		return 1
	}
	return 0
}

// measure writes and builds one site per size and prints a row for each.
func measure(sizes, langs, keep string, stdout, stderr io.Writer) error {
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
	fmt.Fprintf(stdout, "%-8s %10s %10s %12s %12s %8s\n", "pages", "build_s", "peak_MiB", "output_MiB", "search_MiB", "files")
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < len(ls) {
			return fmt.Errorf("bad size %q", s)
		}
		dir := filepath.Join(root, fmt.Sprintf("site-%d", n))
		if err := synth.Write(dir, synth.Spec{Languages: ls, Pages: n / len(ls), Seed: 1}); err != nil {
			return err
		}
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), childEnv+"="+dir)
		cmd.Stderr = stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %d pages: %w", n, err)
		}
		took := time.Since(start)
		peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
		out, files := size(filepath.Join(dir, "public"), "")
		search, _ := size(filepath.Join(dir, "public"), "_search")
		fmt.Fprintf(stdout, "%-8d %10.2f %10.0f %12.1f %12.1f %8d\n", n, took.Seconds(), float64(peak)/1024, mib(out), mib(search), files)
	}
	return nil
}

// child builds one site and exits: its peak memory is the build's alone.
func child(dir string, stderr io.Writer) int {
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
