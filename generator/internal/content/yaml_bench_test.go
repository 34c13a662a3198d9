package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exampleFronts returns the YAML front matter of every page of the
// repository's example site: real pages, as trainers write them.
func exampleFronts(b *testing.B) []rawFront {
	root := filepath.Join("..", "..", "..", "content")
	var out []rawFront
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rf, err := splitFrontMatter(data); err == nil && rf.format == FormatYAML {
			out = append(out, rf)
		}
		return nil
	})
	if err != nil || len(out) == 0 {
		b.Skipf("no example site: %v", err)
	}
	return out
}

// BenchmarkFrontMatterYAML decodes the example site's front matter as a
// build does (yaml.v3, key by key); ns/page is the cost per page. A
// hand-written decoder for the plain shape was three times faster here but
// made no difference outside the noise on a 10,000-page build, and was
// removed (issue 20): NOTES.md has the figures.
func BenchmarkFrontMatterYAML(b *testing.B) {
	fronts := exampleFronts(b)
	for b.Loop() {
		for _, rf := range fronts {
			if _, err := decodeFrontMatter(rf); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(fronts)), "ns/page")
}
