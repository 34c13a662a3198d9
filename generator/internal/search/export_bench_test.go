package search

import (
	"context"
	"os"
	"testing"
)

// BenchmarkUpdateExport analyses and exports the documents a build kept
// (OERSITE_SNAPSHOT: a <cache>/search/<lang>.docs file; its language is
// OERSITE_SNAPSHOT_LANG, default en): the search stage's own CPU on real
// text, apart from the pages.
func BenchmarkUpdateExport(b *testing.B) {
	path := os.Getenv("OERSITE_SNAPSHOT")
	if path == "" {
		b.Skip("OERSITE_SNAPSHOT names no kept documents (a build's <cache>/search/<lang>.docs)")
	}
	lang := os.Getenv("OERSITE_SNAPSHOT_LANG")
	if lang == "" {
		lang = "en"
	}
	docs, err := ReadSnapshot(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ix, err := ExportOnly(lang)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Update(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Export(context.Background(), func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
