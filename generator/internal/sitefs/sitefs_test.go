package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLinksAreFollowedOnlyIntoInputFolders(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".git/config":                   "[core] token=secret",
		".oersite/search/x":             "cache",
		"content/en/page.md":            "page",
		"content/en/.draft.md":          "hidden",
		"static/logo.svg":               "<svg/>",
		"themes/mine/static/a.css":      "css",
		"themes/other/static/b.css":     "other theme",
		"notes/private.txt":             "not input",
		"content/en/shared/diagram.svg": "svg",
	}
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(data), 0o644)
	}
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("outside"), 0o644)
	links := map[string]string{
		"content/en/gitconfig.txt": "../../.git/config",
		"static/gc.txt":            "../.git/config",
		"static/cache":             "../.oersite/search/x",
		"content/en/hidden.txt":    ".draft.md",
		"content/en/notes.txt":     "../../notes/private.txt",
		"content/en/abs.txt":       outside,
		"content/en/up.txt":        "../../../secret.txt",
		"content/en/other.css":     "../../themes/other/static/b.css",
		"content/en/loop":          "loop",
		"layouts":                  ".git",
		// allowed
		"content/it/page.md":     "../en/page.md",
		"static/theme.css":       "../themes/mine/static/a.css",
		"content/en/logo.svg":    "../../static/logo.svg",
		"content/en/via/dia.svg": "../shared/diagram.svg",
	}
	for p, target := range links {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.Symlink(target, full); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := New(root, "mine")
	for _, p := range []string{"content/en/gitconfig.txt", "static/gc.txt", "static/cache", "content/en/hidden.txt",
		"content/en/notes.txt", "content/en/abs.txt", "content/en/up.txt", "content/en/other.css", "content/en/loop", "layouts/page.html"} {
		data, err := fs.ReadFile(fsys, p)
		var le *LinkError
		if err == nil || !errors.As(err, &le) {
			t.Errorf("%s: read %q, err %v; want a refused link", p, data, err)
		}
	}
	for _, p := range []string{".git/config", ".oersite/search/x", "content/en/.draft.md"} {
		if _, err := fs.ReadFile(fsys, p); !errors.Is(err, ErrHidden) || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: err %v, want ErrHidden, as if it did not exist", p, err)
		}
	}
	for p, want := range map[string]string{"content/it/page.md": "page", "static/theme.css": "css", "content/en/logo.svg": "<svg/>", "content/en/via/dia.svg": "svg", "content/en/page.md": "page"} {
		data, err := fs.ReadFile(fsys, p)
		if err != nil || string(data) != want {
			t.Errorf("%s: got %q, %v", p, data, err)
		}
	}
	_, err = fs.ReadFile(fsys, "content/en/gitconfig.txt")
	if !strings.Contains(err.Error(), ".git/config") {
		t.Errorf("the refusal does not say where the link leads: %v", err)
	}
}
