package devserver

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// failingNotifier is a system that refuses more watches, as Linux does when
// fs.inotify.max_user_watches is reached.
type failingNotifier struct{}

func (failingNotifier) Add(dir string) error {
	return &os.PathError{Op: "add watch", Path: dir, Err: syscall.ENOSPC}
}
func (failingNotifier) Close() error                  { return nil }
func (failingNotifier) Events() <-chan fsnotify.Event { return nil }
func (failingNotifier) Errors() <-chan error          { return nil }

// TestFallsBackToPollingWhenWatchesFail: when the system cannot watch the
// site's folders, the server says so and still sees every kind of edit.
func TestFallsBackToPollingWhenWatchesFail(t *testing.T) {
	for _, c := range []struct {
		name   string
		notify func() (notifier, error)
	}{
		{"no watch can be added", func() (notifier, error) { return failingNotifier{}, nil }},
		{"no watcher at all", func() (notifier, error) { return nil, errors.New("too many open files") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			write := func(rel, data string) {
				p := filepath.Join(root, filepath.FromSlash(rel))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("config.toml", "title = \"x\"\n")
			write("content/en/a.md", "first")
			var log strings.Builder
			w, err := newWatcher(root, watchOptions{log: &log, notify: c.notify, fallback: 20 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			defer w.close()
			if !strings.Contains(log.String(), "looking for changes every 20ms instead") {
				t.Errorf("no word of the fallback: %q", log.String())
			}
			expectBatches(t, w, root, write)
		})
	}
}

// TestPollingSeesEveryKindOfEdit: with --poll, an edit, a new file, a new
// folder, a removal and config.toml each reach a batch, marked structural
// ("+") when the site's structure may have changed.
func TestPollingSeesEveryKindOfEdit(t *testing.T) {
	root := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"x\"\n")
	write("content/en/a.md", "first")
	w, err := newWatcher(root, watchOptions{poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	expectBatches(t, w, root, write)
}

func expectBatches(t *testing.T, w *watcher, root string, write func(rel, data string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := w.batches(ctx, 30*time.Millisecond)
	next := func() string {
		t.Helper()
		select {
		case b := <-batches:
			return strings.Join(b, " ")
		case <-time.After(10 * time.Second):
			t.Fatal("no batch within 10s")
		}
		return ""
	}
	// mtimes of a quick edit can equal the last one on coarse file systems: step them
	bump := func(rel string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		future := time.Now().Add(time.Duration(2+len(rel)) * time.Second)
		os.Chtimes(p, future, future)
	}
	write("content/en/a.md", "second, longer")
	bump("content/en/a.md")
	if b := next(); b != "content/en/a.md" {
		t.Errorf("edit: batch %q", b)
	}
	write("content/en/b.md", "new")
	if b := next(); !strings.HasPrefix(b, "+content/en/b.md") { // a poll may see it empty, then written
		t.Errorf("new file: batch %q", b)
	}
	write("content/en/sub/c.md", "in a new folder")
	if b := next(); !strings.Contains(b, "+content/en/sub/c.md") {
		t.Errorf("new folder: batch %q", b)
	}
	os.Remove(filepath.Join(root, "content/en/b.md"))
	if b := next(); b != "+content/en/b.md" {
		t.Errorf("removal: batch %q", b)
	}
	write("config.toml", "title = \"y, longer\"\n")
	bump("config.toml")
	if b := next(); b != "config.toml" {
		t.Errorf("config: batch %q", b)
	}
}

// TestFileSavedByRenameIsAnEdit: editors that save through a temporary
// file renamed over the original (vim, JetBrains IDEs, gedit, Go's
// renameio) make an edit of the page, not a new page, and the files they
// write beside it are ignored; a page really added or removed still
// changes the site's structure.
func TestFileSavedByRenameIsAnEdit(t *testing.T) {
	root := t.TempDir()
	abs := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	write := func(rel, data string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(abs(rel)), 0o755)
		if err := os.WriteFile(abs(rel), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rename := func(from, to string) {
		t.Helper()
		if err := os.Rename(abs(from), abs(to)); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(rel string) {
		t.Helper()
		if err := os.Remove(abs(rel)); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"x\"\n")
	write("content/en/a.md", "first")
	write("themes/default/assets/css/site.css", "body{}")
	w, err := newWatcher(root, watchOptions{log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := w.batches(ctx, 100*time.Millisecond)
	next := func() string {
		t.Helper()
		select {
		case b := <-batches:
			return strings.Join(b, " ")
		case <-time.After(20 * time.Second):
			t.Fatal("no batch within 20s")
		}
		return ""
	}
	saves := []struct {
		name string
		save func(rel, data string)
	}{
		{"a temporary file renamed over it (renameio, gedit)", func(rel, data string) {
			write(rel+".tmp12345", data)
			rename(rel+".tmp12345", rel)
		}},
		{"vim (test file 4913, backup by rename, new file, swap file)", func(rel, data string) {
			dir := filepath.ToSlash(filepath.Dir(rel))
			base := filepath.Base(rel)
			write(dir+"/."+base+".swp", "swap")
			write(dir+"/4913", "")
			remove(dir + "/4913")
			rename(rel, rel+"~")
			write(rel, data)
			remove(rel + "~")
			remove(dir + "/." + base + ".swp")
		}},
		{"JetBrains (safe write)", func(rel, data string) {
			write(rel+"___jb_tmp___", data)
			rename(rel, rel+"___jb_old___")
			rename(rel+"___jb_tmp___", rel)
			remove(rel + "___jb_old___")
		}},
		{"Emacs (lock and backup)", func(rel, data string) {
			dir := filepath.ToSlash(filepath.Dir(rel))
			if err := os.Symlink("user@host.1234", abs(dir+"/.#"+filepath.Base(rel))); err != nil {
				t.Fatal(err)
			}
			rename(rel, rel+"~")
			write(rel, data)
			remove(dir + "/.#" + filepath.Base(rel))
		}},
	}
	for i, s := range saves {
		for _, rel := range []string{"content/en/a.md", "themes/default/assets/css/site.css"} {
			s.save(rel, strings.Repeat("edit ", i+1))
			if b := next(); b != rel {
				t.Errorf("%s, saved with %s: batch %q, want an edit of it alone", rel, s.name, b)
			}
		}
	}
	write("content/en/b.md", "new")
	if b := next(); b != "+content/en/b.md" {
		t.Errorf("a new page: batch %q", b)
	}
	write("content/en/b.md.tmp1", "renamed over the new page")
	rename("content/en/b.md.tmp1", "content/en/b.md")
	if b := next(); b != "content/en/b.md" {
		t.Errorf("the new page saved by rename: batch %q", b)
	}
	rename("content/en/b.md", "content/en/c.md")
	if b := next(); b != "+content/en/b.md +content/en/c.md" {
		t.Errorf("a page renamed: batch %q", b)
	}
	remove("content/en/c.md")
	if b := next(); b != "+content/en/c.md" {
		t.Errorf("a page removed: batch %q", b)
	}
	write("content/en/c.md.tmp", "a page written by rename where there was none")
	rename("content/en/c.md.tmp", "content/en/c.md")
	if b := next(); b != "+content/en/c.md" {
		t.Errorf("a new page written by rename: batch %q", b)
	}
}

// TestEditorFilesAreIgnored: the names editors give their temporary,
// swap, lock and backup files, and names that merely look like them.
func TestEditorFilesAreIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		".a.md.swp": true, "a.md~": true, "4913": true, ".#a.md": true, "#a.md#": true,
		"a.md.tmp": true, "a.md.tmp123": true, "a.md.tmp.4f2a": true, "a.tmp-1": true,
		"a.md___jb_tmp___": true, "a.md___jb_old___": true, ".goutputstream-X1": true,
		"a.md": false, "list.tmpl": false, "4913.md": false, "tmp.md": false, "a.tmplate.tmpx": false,
	} {
		if got := editorFile(name); got != want {
			t.Errorf("editorFile(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestDescribeEscapesFileNames: the log line names the changed file; a file
// whose name holds an escape sequence (from a pulled branch, say) is named
// escaped, so that it cannot drive the author's terminal. It was printed as
// it was.
func TestDescribeEscapesFileNames(t *testing.T) {
	if got := describe(nil, []string{"+content/en/a\x1b[2J.md"}); got != `content/en/a\x1b[2J.md` {
		t.Errorf("one file: %q", got)
	}
	if got := describe(nil, []string{"content/en/\x07b.md", "content/en/c.md"}); got != `content/en/\x07b.md and 1 more` {
		t.Errorf("two files: %q", got)
	}
}
