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
	var docs []Doc
	_ = filepath.Walk(filepath.Join(dir, "content", "en"), func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var d diag.List
		if src := content.ParseSource(p, "en", filepath.Base(p), data, &d); src != nil {
			docs = append(docs, Doc{File: p, BodyLine: src.BodyLine, Source: src.Body})
		}
		return nil
	})
	r := New(Options{Typographer: true})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			r.Render(d)
		}
	}
}
