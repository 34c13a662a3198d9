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

// BenchmarkFrontMatterYAML decodes the example site's front matter with
// the fast path (falling back to yaml.v3 where it must) and with yaml.v3
// alone; ns/page is the cost per page.
func BenchmarkFrontMatterYAML(b *testing.B) {
	fronts := exampleFronts(b)
	fast := 0
	for _, rf := range fronts {
		if _, ok := decodeSimpleYAML(rf.text, rf.startLine); ok {
			fast++
		}
	}
	b.Logf("%d pages, %d on the fast path", len(fronts), fast)
	for _, c := range []struct {
		name   string
		decode func(rawFront) (decoded, error)
	}{
		{"fast-path", decodeFrontMatter},
		{"yaml.v3", func(rf rawFront) (decoded, error) {
			return decodeYAMLNodes(rf, decoded{values: map[string]any{}, lines: map[string]int{}})
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, rf := range fronts {
					if _, err := c.decode(rf); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(fronts)), "ns/page")
		})
	}
}
