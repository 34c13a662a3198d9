package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/fsnotify/fsnotify"

	"github.com/oersite/oersite/generator/internal/diag"
)

// watched are the folders of a site that a change in triggers a rebuild.
var watchedDirs = []string{"content", "themes", "layouts", "i18n", "static", "assets"}

// fileEvent is one change under the site folder.
type fileEvent struct {
	path       string // absolute
	structural bool   // created, removed or renamed: the site's structure may have changed
}

// watcher reports changes under a site's folders: with fsnotify, or, where
// it cannot watch (network drives, some containers, too few inotify
// watches), by looking at every file at an interval, as Hugo does.
type watcher struct {
	root   string
	events <-chan fileEvent
	stop   func()
}

// notifier is the part of fsnotify the watcher uses (tests give another).
type notifier interface {
	Add(dir string) error
	Close() error
	Events() <-chan fsnotify.Event
	Errors() <-chan error
}

type fsnotifier struct{ w *fsnotify.Watcher }

func (n fsnotifier) Add(dir string) error          { return n.w.Add(dir) }
func (n fsnotifier) Close() error                  { return n.w.Close() }
func (n fsnotifier) Events() <-chan fsnotify.Event { return n.w.Events }
func (n fsnotifier) Errors() <-chan error          { return n.w.Errors }
func newFsnotifier() (notifier, error)             { w, err := fsnotify.NewWatcher(); return fsnotifier{w}, err }

// watchOptions choose how to watch.
type watchOptions struct {
	poll     time.Duration            // > 0: poll at this interval instead of using fsnotify
	fallback time.Duration            // the interval when fsnotify fails (default defaultPoll)
	log      io.Writer                // where the fallback to polling is announced
	say      diag.Phrases             // in what words (nil: English)
	notify   func() (notifier, error) // nil: fsnotify
}

// defaultPoll is the polling interval when fsnotify cannot watch and no --poll was given.
const defaultPoll = time.Second

// newWatcher watches root. When fsnotify cannot watch every folder, it says
// so on the log and polls instead.
func newWatcher(root string, opt watchOptions) (*watcher, error) {
	if opt.poll > 0 {
		return newPoller(root, opt.poll), nil
	}
	if opt.notify == nil {
		opt.notify = newFsnotifier
	}
	w, err := newNotifyWatcher(root, opt.notify)
	if err == nil {
		return w, nil
	}
	if opt.fallback <= 0 {
		opt.fallback = defaultPoll
	}
	fmt.Fprintln(opt.log, opt.say.Sayf("cannot watch the site's folders for changes (%v); looking for changes every %v instead (set the interval with --poll)", err, opt.fallback))
	return newPoller(root, opt.fallback), nil
}

// newNotifyWatcher watches root and every folder of the site below it with fsnotify.
func newNotifyWatcher(root string, notify func() (notifier, error)) (*watcher, error) {
	n, err := notify()
	if err != nil {
		return nil, err
	}
	if err := n.Add(root); err != nil { // config.toml, and folders created later
		n.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		if err := addTree(n, filepath.Join(root, d)); err != nil {
			n.Close()
			return nil, err
		}
	}
	out := make(chan fileEvent)
	done := make(chan struct{})
	go func() {
		defer close(out)
		for {
			var ev fileEvent
			select {
			case <-done:
				return
			case e, ok := <-n.Events():
				if !ok {
					return
				}
				structural := e.Op&(fsnotify.Create|fsnotify.Remove|fsnotify.Rename) != 0
				if e.Op&fsnotify.Create != 0 {
					if info, err := os.Stat(e.Name); err == nil && info.IsDir() {
						_ = addTree(n, e.Name) // a watch that fails here misses that folder's edits
					}
				}
				ev = fileEvent{path: e.Name, structural: structural}
			case _, ok := <-n.Errors():
				if !ok {
					return
				}
				// Events were lost (the kernel's queue overflowed): rebuild everything.
				ev = fileEvent{path: filepath.Join(root, "content"), structural: true}
			}
			select {
			case out <- ev:
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return &watcher{root: root, events: out, stop: func() { once.Do(func() { close(done); n.Close() }) }}, nil
}

// addTree watches a folder and every folder below it, except dot-folders.
func addTree(n notifier, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone, or not there: nothing to watch
		}
		if !d.IsDir() {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			return filepath.SkipDir
		}
		return n.Add(p)
	})
}

// stamp is what polling compares of a file.
type stamp struct {
	size  int64
	mtime time.Time
	dir   bool
}

// newPoller looks at every file of the site's watched folders each interval.
func newPoller(root string, interval time.Duration) *watcher {
	out := make(chan fileEvent)
	done := make(chan struct{})
	prev := scan(root) // what is there when the server starts
	go func() {
		defer close(out)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			cur := scan(root)
			for _, ev := range diffScans(root, prev, cur) {
				select {
				case out <- ev:
				case <-done:
					return
				}
			}
			prev = cur
		}
	}()
	var once sync.Once
	return &watcher{root: root, events: out, stop: func() { once.Do(func() { close(done) }) }}
}

// scan stamps config.toml and every file and folder of the watched folders, by path from root.
func scan(root string) map[string]stamp {
	out := map[string]stamp{}
	if info, err := os.Stat(filepath.Join(root, "config.toml")); err == nil {
		out["config.toml"] = stamp{info.Size(), info.ModTime(), false}
	}
	for _, d := range watchedDirs {
		top := filepath.Join(root, d)
		_ = filepath.WalkDir(top, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if strings.HasPrefix(e.Name(), ".") && p != top {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := e.Info()
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			out[filepath.ToSlash(rel)] = stamp{info.Size(), info.ModTime(), e.IsDir()}
			return nil
		})
	}
	return out
}

// diffScans lists the changes from one scan to the next, sorted by path.
func diffScans(root string, prev, cur map[string]stamp) []fileEvent {
	var evs []fileEvent
	for p, s := range cur {
		old, ok := prev[p]
		switch {
		case !ok:
			evs = append(evs, fileEvent{filepath.Join(root, filepath.FromSlash(p)), true})
		case !s.dir && (old.size != s.size || !old.mtime.Equal(s.mtime) || old.dir):
			evs = append(evs, fileEvent{filepath.Join(root, filepath.FromSlash(p)), old.dir})
		}
	}
	for p := range prev {
		if _, ok := cur[p]; !ok {
			evs = append(evs, fileEvent{filepath.Join(root, filepath.FromSlash(p)), true})
		}
	}
	slices.SortFunc(evs, func(a, b fileEvent) int { return strings.Compare(a.path, b.path) })
	return evs
}

func (w *watcher) close() { w.stop() }

// relevant reports whether a path (relative to the site) can change the site.
func relevant(rel string) bool {
	rel = filepath.ToSlash(rel)
	if rel == "config.toml" {
		return true
	}
	if editorFile(filepath.Base(rel)) {
		return false
	}
	top, _, _ := strings.Cut(rel, "/")
	for _, d := range watchedDirs {
		if top == d {
			return true
		}
	}
	return false
}

// editorFile reports the names of files that editors write beside the
// file being edited and that are no part of the site: hidden files (vim's
// .x.md.swp, Emacs's .#x.md lock, gedit's .goutputstream-*), backups
// (x.md~), Emacs's #x.md# autosave, vim's 4913 (its test of whether it may
// write in the folder), temporary files (x.md.tmp, x.md.tmp123, but not
// x.tmpl) and JetBrains IDEs' x.md___jb_tmp___ and x.md___jb_old___.
func editorFile(base string) bool {
	switch {
	case strings.HasPrefix(base, "."), strings.HasPrefix(base, "#"),
		strings.HasSuffix(base, "~"), strings.HasSuffix(base, ".swp"),
		base == "4913",
		strings.HasSuffix(base, "___jb_tmp___"), strings.HasSuffix(base, "___jb_old___"):
		return true
	}
	for rest := base; ; {
		i := strings.Index(rest, ".tmp")
		if i < 0 {
			return false
		}
		rest = rest[i+len(".tmp"):]
		if rest == "" || !unicode.IsLetter(rune(rest[0])) {
			return true
		}
	}
}

// knownFiles lists the files of a scan, by path from the site's root.
func knownFiles(scanned map[string]stamp) map[string]bool {
	out := make(map[string]bool, len(scanned))
	for p, st := range scanned {
		if !st.dir {
			out[p] = true
		}
	}
	return out
}

// settle turns the paths of a burst (relative, slash-separated, true when
// created, removed or renamed) into a sorted batch, marking with "+" the
// paths whose structure changed. A path that was a file before the burst
// and is a file again after it was replaced, not added or removed: that is
// how many editors save (a temporary file renamed over the original: vim,
// JetBrains IDEs, gedit, Go's renameio), and it is an edit of that file.
// known, the files there before the burst, is brought up to date.
func (w *watcher) settle(pending map[string]bool, known map[string]bool) []string {
	batch := make([]string, 0, len(pending))
	for rel, structural := range pending {
		info, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel)))
		isFile := err == nil && info.Mode().IsRegular()
		if structural && !(isFile && known[rel]) {
			rel = "+" + rel
		}
		switch name := strings.TrimPrefix(rel, "+"); {
		case isFile:
			known[name] = true
		case errors.Is(err, fs.ErrNotExist):
			forget(known, name) // removed, or renamed away: a file, or a folder of them
		}
		batch = append(batch, rel)
	}
	sort.Strings(batch)
	return batch
}

// forget removes a path and everything below it from known.
func forget(known map[string]bool, rel string) {
	delete(known, rel)
	for p := range known {
		if strings.HasPrefix(p, rel+"/") {
			delete(known, p)
		}
	}
}

// batches turns bursts of events into one sorted list of changed paths,
// sent once the burst has been quiet for debounce.
func (w *watcher) batches(ctx context.Context, debounce time.Duration) <-chan []string {
	out := make(chan []string)
	known := knownFiles(scan(w.root))
	go func() {
		defer close(out)
		pending := map[string]bool{}
		var timer <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.events:
				if !ok {
					return
				}
				rel, err := filepath.Rel(w.root, ev.path)
				if err != nil || !relevant(rel) {
					continue
				}
				key := filepath.ToSlash(rel)
				pending[key] = pending[key] || ev.structural
				timer = time.After(debounce)
			case <-timer:
				batch := w.settle(pending, known)
				pending = map[string]bool{}
				timer = nil
				select {
				case out <- batch:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out
}

// change is how much a batch of changes reaches.
type change int

const (
	changeFull  change = iota // config.toml, new, removed or renamed files, anything else
	changePages               // only Markdown files were written: maybe edits of existing pages
	changeTheme               // only existing layouts, strings, static files or assets were written
)

// classify decides how much to rebuild for a batch.
func classify(batch []string) change {
	if len(batch) == 0 {
		return changeFull
	}
	pages, looks := true, true
	for _, p := range batch {
		if strings.HasPrefix(p, "+") {
			return changeFull // a file or folder created, removed or renamed
		}
		pages = pages && strings.HasPrefix(p, "content/") && strings.HasSuffix(p, ".md")
		rel := p
		if rest, ok := strings.CutPrefix(p, "themes/"); ok {
			_, rel, _ = strings.Cut(rest, "/")
		}
		dir, _, _ := strings.Cut(rel, "/")
		looks = looks && (dir == "layouts" || dir == "i18n" || dir == "static" || dir == "assets")
	}
	switch {
	case pages:
		return changePages
	case looks:
		return changeTheme
	}
	return changeFull
}

// describe names a batch for the terminal line.
func describe(say diag.Phrases, batch []string) string {
	clean := make([]string, len(batch))
	for i, p := range batch {
		clean[i] = diag.Escape(strings.TrimPrefix(p, "+")) // a file's name is anyone's text
	}
	switch len(clean) {
	case 0:
		return say.Sayf("rebuild")
	case 1:
		return clean[0]
	}
	return say.Countf(len(clean)-1, "%s and %d more", "%s and %d more", clean[0], len(clean)-1)
}
