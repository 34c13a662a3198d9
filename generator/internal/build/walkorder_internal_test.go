package build

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// walkOrder sorts paths as a walk of their tree meets them, names that
// sort before "/" included ("a-c" after "a/b", "a.d" after "a/").
func TestWalkOrderIsTheWalks(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/b", "a/b.x", "a-c", "a.d/e", "ab", "b/c/d", "b/c-d", "b/c.e/f", "_s/x"} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	walked, err := stampTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, s := range walked {
		paths = append(paths, s.Path)
	}
	sorted := slices.Clone(paths)
	slices.Reverse(sorted)
	slices.SortFunc(sorted, walkOrder)
	if !slices.Equal(sorted, paths) {
		t.Errorf("walk:\n%v\nwalkOrder:\n%v", paths, sorted)
	}
}
