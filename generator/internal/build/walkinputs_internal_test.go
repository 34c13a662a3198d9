package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestInputsWalkedInParallelAsInOne: walkInputs, which walks the folders
// under a top folder on every core, gives the inputs a single walk of the
// whole gives, in its order: hidden files and folders left out at every
// depth, links as links, a missing top as absent, a top that is a file or
// a link as itself.
func TestInputsWalkedInParallelAsInOne(t *testing.T) {
	src := t.TempDir()
	for _, f := range []string{
		"config.toml", "content/en/index.md", "content/en/modules/a/index.md", "content/en/modules/a/01-x.md",
		"content/en/modules/b/index.md", "content/en/.draft.md", "content/en/modules/.git/HEAD", "content/fr/index.md",
		"content/fr/modules/a/index.md", "content/_index.md", "content/.hidden/x.md", "content/zz.md",
		"static/img/a.png", "static/b.css",
	} {
		p := filepath.Join(src, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(f), 0o644)
	}
	os.MkdirAll(filepath.Join(src, "content", "empty"), 0o755)
	os.Symlink("../en/index.md", filepath.Join(src, "content", "fr", "link.md"))
	os.Symlink("static", filepath.Join(src, "assets"))
	for _, top := range []string{"config.toml", "content", "static", "assets", "layouts"} {
		got, err := walkInputs(context.Background(), src, top)
		if err != nil {
			t.Fatal(err)
		}
		if want := walkInputsInOne(t, src, top); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", top, got, want)
		}
	}
}

// walkInputsInOne is what walkInputs gives, made by one walk.
func walkInputsInOne(t *testing.T, source, top string) []inputFile {
	var out []inputFile
	root := filepath.Join(source, top)
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, inputFile{Path: top, Link: "absent"})
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(source, p)
		f := inputFile{Path: filepath.ToSlash(rel)}
		switch {
		case d.IsDir():
			f.Link = "/"
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			f.Link = "-> " + target
		default:
			info, _ := d.Info()
			f.Size, f.ModTime = info.Size(), info.ModTime().UnixNano()
		}
		out = append(out, f)
		return nil
	})
	if len(out) < 1 {
		t.Fatalf("%s: nothing walked", top)
	}
	return out
}
