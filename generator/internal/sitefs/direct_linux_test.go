package sitefs

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// The one-call open takes only plain paths with no link on the way; the
// walk decides the others (links, hidden names, missing files).
func TestDirectOpenTakesOnlyPlainPaths(t *testing.T) {
	dir := t.TempDir()
	for p, data := range map[string]string{"content/en/page.md": "page", "content/en/.hidden.md": "hidden", "static/a.css": "css"} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(data), 0o644)
	}
	os.Symlink("page.md", filepath.Join(dir, "content/en/link.md"))
	os.Symlink("../static", filepath.Join(dir, "content/static"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	d := newDirect(root)
	if d == nil {
		t.Fatal("no direct opener")
	}
	f := d.open("content/en/page.md")
	if f == nil {
		t.Skip("openat2 is not available here: every path takes the walk")
	}
	data, _ := io.ReadAll(f)
	f.Close()
	if string(data) != "page" {
		t.Errorf("read %q", data)
	}
	for _, p := range []string{"content/en/link.md", "content/static/a.css", "content/en/.hidden.md", "content/en/missing.md", "../x", "/etc/passwd", "content//en/page.md", "."} {
		if f := d.open(p); f != nil {
			f.Close()
			t.Errorf("%s: opened directly", p)
		}
	}
	// through the FS, the link is still followed where the site allows it
	fsys := New(root, "mine")
	if data, err := fsys.ReadFile("content/en/link.md"); err != nil || string(data) != "page" {
		t.Errorf("link: %q, %v", data, err)
	}
}
