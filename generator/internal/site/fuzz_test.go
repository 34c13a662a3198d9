package site

import (
	"path"
	"strings"
	"testing"
)

// FuzzPaths checks slugs and aliases: whatever an author writes, the result
// is refused or is a clean relative path that stays inside the output.
func FuzzPaths(f *testing.F) {
	for _, s := range []string{"about", "../../etc/passwd", "/old/path/", "a/./b", "..", "C:\\x", "über uns", "%2e%2e/x", "a//b", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if slug, err := slugify(s); err == nil {
			if slug == "" || strings.ContainsAny(slug, "/\\\x00") || slug == "." || slug == ".." {
				t.Fatalf("slugify(%q) = %q", s, slug)
			}
		} else if err.Error() == "" {
			t.Fatal("empty error")
		}
		if p, err := pageURL("en", s); err == nil {
			if !strings.HasPrefix(p, "en/") || strings.Contains(p, "\\") || strings.Contains(p, "//") || strings.HasPrefix(path.Clean(p), "..") {
				t.Fatalf("pageURL(%q) = %q leaves the language", s, p)
			}
			for _, seg := range strings.Split(strings.TrimSuffix(p, "/"), "/") {
				if seg == ".." || seg == "." || seg == "" {
					t.Fatalf("pageURL(%q) = %q", s, p)
				}
			}
		}
		if p, err := cleanAlias("en", s); err == nil {
			if strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || path.Clean(strings.TrimSuffix(p, "/")) != strings.TrimSuffix(p, "/") || strings.HasPrefix(path.Clean(p), "..") {
				t.Fatalf("cleanAlias(%q) = %q leaves the output", s, p)
			}
			for _, seg := range strings.Split(strings.TrimSuffix(p, "/"), "/") {
				if seg == ".." || seg == "." || seg == "" {
					t.Fatalf("cleanAlias(%q) = %q", s, p)
				}
			}
		}
	})
}
