package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/synth"
)

// BenchmarkRenderPages measures the templates alone: every page of a site
// built once in memory is rendered again into a buffer, nothing written.
// OERSITE_BENCH_SITE names a site folder to use (a real-text site from
// cmd/searchbench or cmd/benchsite); without it, a synthetic site of 400
// pages per language. Run it with -cpu 1 for figures that compare.
func BenchmarkRenderPages(b *testing.B) {
	dir := os.Getenv("OERSITE_BENCH_SITE")
	if dir == "" {
		dir = b.TempDir()
		if err := synth.Write(dir, synth.Spec{Pages: 400, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	s := NewSession(Options{Source: dir, Dest: filepath.Join(b.TempDir(), "public")})
	if _, err := s.Full(context.Background(), time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)); err != nil {
		b.Fatal(err)
	}
	w := s.last
	pages := w.res.Site.Pages
	var buf bytes.Buffer
	written := 0
	for b.Loop() { // the build above is not timed
		written = 0
		for _, p := range pages {
			buf.Reset()
			if err := w.renderPage(&buf, w.sh, p); err != nil {
				b.Fatal(err)
			}
			written += buf.Len()
		}
	}
	b.ReportMetric(float64(len(pages)), "pages")
	b.ReportMetric(float64(written)/float64(len(pages)), "bytes/page")
}
