package markdown

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/synth"
)

// BenchmarkRenderPages renders the Markdown of the synthetic site's pages
// (one language): the Markdown stage of the pages-only build, without the
// rest, to see what content dialects cost on content that has none.
func BenchmarkRenderPages(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Spec{Languages: []string{"en"}, Pages: 200, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	docs, _ := readBodies(b, filepath.Join(dir, "content", "en"))
	r := New(Options{Typographer: true})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			r.Render(d)
		}
	}
}

// readBodies reads the Markdown bodies (front matter taken off) of every
// .md file under dir, and their total size.
func readBodies(b testing.TB, dir string) ([]Doc, int64) {
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
