package markdown

import (
	"bytes"
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// BenchmarkThroughput renders the Markdown of a real site on every core,
// with this package's renderer and with goldmark alone (its GFM
// extensions, the same typographer), so that the two figures (MB/s) can be
// put side by side: what the site's dialects, the plain text for search,
// the headings and the link checks cost over goldmark's own speed.
// OERSITE_BENCH_MARKDOWN names the site's content folder (for example one
// written by cmd/searchbench); without it the benchmark is skipped.
func BenchmarkThroughput(b *testing.B) {
	dir := os.Getenv("OERSITE_BENCH_MARKDOWN")
	if dir == "" {
		b.Skip("set OERSITE_BENCH_MARKDOWN to a content folder of Markdown files")
	}
	docs, size := readBodies(b, dir)
	b.Run("oersite", func(b *testing.B) {
		r := New(Options{Typographer: true})
		b.SetBytes(size)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				for _, d := range docs {
					r.Render(d)
				}
			}
		})
	})
	b.Run("goldmark", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer))
		b.SetBytes(size)
		b.RunParallel(func(pb *testing.PB) {
			var buf bytes.Buffer
			for pb.Next() {
				for _, d := range docs {
					buf.Reset()
					if err := md.Convert(d.Source, &buf); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	})
}
