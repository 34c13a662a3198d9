// Command benchsite measures oersite on synthetic sites of growing size, so
// that growth is visible: for each size it writes a 5-language site, builds
// it in a child process, and prints build time, peak memory, output size and
// search index size.
//
//	go run ./cmd/benchsite                      # 1k, 10k and 50k pages
//	go run ./cmd/benchsite -sizes 1000,100000   # any sizes (total pages)
package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/oersite/oersite/generator/build"
	"github.com/oersite/oersite/generator/synth"
)

const childEnv = "OERSITE_BENCHSITE_CHILD"

func main() {
	if dir := os.Getenv(childEnv); dir != "" {
		os.Exit(child(dir))
	}
	sizes := flag.String("sizes", "1000,10000,50000", "total pages per site, comma-separated")
	langs := flag.String("langs", "en,it,de,es,fr", "languages")
	keep := flag.String("keep", "", "write the sites under this folder and keep them (default: a temporary folder, removed)")
	flag.Parse()
	root := *keep
	if root == "" {
		tmp, err := os.MkdirTemp("", "oersite-bench-")
		if err != nil {
			fail(err)
		}
		defer os.RemoveAll(tmp)
		root = tmp
	}
	ls := strings.Split(*langs, ",")
	fmt.Printf("%-8s %10s %10s %12s %12s %8s\n", "pages", "build_s", "peak_MiB", "output_MiB", "search_MiB", "files")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < len(ls) {
			fail(fmt.Errorf("bad size %q", s))
		}
		dir := filepath.Join(root, fmt.Sprintf("site-%d", n))
		if err := synth.Write(dir, synth.Spec{Languages: ls, Pages: n / len(ls), Seed: 1}); err != nil {
			fail(err)
		}
		exe, err := os.Executable()
		if err != nil {
			fail(err)
		}
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), childEnv+"="+dir)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fail(fmt.Errorf("building %d pages: %w", n, err))
		}
		took := time.Since(start)
		peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
		out, files := size(filepath.Join(dir, "public"), "")
		search, _ := size(filepath.Join(dir, "public"), "_search")
		fmt.Printf("%-8d %10.2f %10.0f %12.1f %12.1f %8d\n", n, took.Seconds(), float64(peak)/1024, mib(out), mib(search), files)
	}
}

// child builds one site and exits: its peak memory is the build's alone.
func child(dir string) int {
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
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

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchsite:", err)
	os.Exit(1)
}
