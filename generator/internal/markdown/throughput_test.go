package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
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

// readBodies reads the Markdown bodies (front matter taken off) of every
// .md file under dir, and their total size.
func readBodies(b *testing.B, dir string) ([]Doc, int64) {
	var docs []Doc
	var size int64
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var l diag.List
		if src := content.ParseSource(p, "en", filepath.Base(p), data, &l); src != nil {
			docs = append(docs, Doc{File: p, BodyLine: src.BodyLine, Source: src.Body})
			size += int64(len(src.Body))
		}
		return nil
	})
	if err != nil || len(docs) == 0 {
		b.Fatalf("no Markdown under %s: %v", dir, err)
	}
	return docs, size
}
