package mirror

import (
	"path"
	"strings"
	"testing"
)

// FuzzParseManifest: no panic, and every accepted manifest has only safe paths.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(`{"name":"x","version":"1","files":[{"path":"a/b.html","size":3,"sha256":"` + strings.Repeat("0", 64) + `"}]}`))
	f.Add([]byte(`{"files":[{"path":"../x","size":1,"sha256":""}]}`))
	f.Add([]byte(`{"files":[{"path":"/abs","size":-1}]}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data, 1000)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		for _, file := range m.Files {
			p := file.Path
			if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || path.Clean(p) != p || strings.HasPrefix(p, "..") {
				t.Fatalf("unsafe path accepted: %q", p)
			}
			for _, seg := range strings.Split(p, "/") {
				if seg == ".." {
					t.Fatalf("unsafe path accepted: %q", p)
				}
			}
		}
	})
}
