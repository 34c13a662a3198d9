package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/synth"
)

// BenchmarkBuild builds a synthetic site of 5 languages; OERSITE_BENCH_PAGES
// sets the pages per language (default 400; the shape is 2000).
func BenchmarkBuild(b *testing.B) { benchmarkBuild(b, "") }

// BenchmarkBuildPages is BenchmarkBuild without the search index: the
// "pages alone" figure that issue 2 compares with Hugo.
func BenchmarkBuildPages(b *testing.B) { benchmarkBuild(b, "\n[search]\ndisabled = true\n") }

func benchmarkBuild(b *testing.B, extraConfig string) {
	pages := 400
	if s := os.Getenv("OERSITE_BENCH_PAGES"); s != "" {
		pages, _ = strconv.Atoi(s)
	}
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Spec{Pages: pages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	data, err := os.ReadFile(cfg)
	if err == nil {
		err = os.WriteFile(cfg, append(data, extraConfig...), 0o644)
	}
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dest := filepath.Join(b.TempDir(), "public")
		res, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dest, Now: now})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}
