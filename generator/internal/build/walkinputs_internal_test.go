package build

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
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
	all := map[string]inputFile{}
	for _, top := range []string{"config.toml", "content", "static", "assets", "layouts"} {
		got, err := walkInputs(context.Background(), src, top)
		if err != nil {
			t.Fatal(err)
		}
		// One walk of the whole: walkTree from the top itself.
		want := []inputFile{{Path: top, Link: "absent"}}
		if _, err := os.Lstat(filepath.Join(src, top)); err == nil {
			if want, err = walkTree(context.Background(), src, filepath.Join(src, top)); err != nil {
				t.Fatal(err)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", top, got, want)
		}
		for _, f := range got {
			all[f.Path] = f
		}
	}
	for _, hidden := range []string{"content/en/.draft.md", "content/en/modules/.git", "content/en/modules/.git/HEAD", "content/.hidden", "content/.hidden/x.md"} {
		if _, ok := all[hidden]; ok {
			t.Errorf("%s, hidden, is an input", hidden)
		}
	}
	for p, link := range map[string]string{"content": "/", "content/empty": "/", "content/fr/link.md": "-> ../en/index.md", "assets": "-> static", "layouts": "absent", "config.toml": ""} {
		if f, ok := all[p]; !ok || f.Link != link {
			t.Errorf("%s: %+v, want link %q", p, f, link)
		}
	}
	if f := all["content/zz.md"]; f.Size != int64(len("content/zz.md")) || f.ModTime == 0 {
		t.Errorf("content/zz.md: %+v, want its size and time", f)
	}
}
