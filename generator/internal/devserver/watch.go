package devserver

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched are the folders of a site that a change in triggers a rebuild.
var watchedDirs = []string{"content", "themes", "layouts", "i18n", "static", "assets"}

type watcher struct {
	root string
	fw   *fsnotify.Watcher
}

func newWatcher(root string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fw: fw}
	if err := fw.Add(root); err != nil { // config.toml, and folders created later
		fw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(root, d))
	}
	return w, nil
}

// addTree watches a folder and every folder below it.
func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				return filepath.SkipDir
			}
			_ = w.fw.Add(p)
		}
		return nil
	})
}

func (w *watcher) close() { w.fw.Close() }

// relevant reports whether a path (relative to the site) can change the site.
func relevant(rel string) bool {
	rel = filepath.ToSlash(rel)
	if rel == "config.toml" {
		return true
	}
	base := filepath.Base(rel)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasPrefix(base, "#") {
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

// batches turns bursts of events into one sorted list of changed paths,
// sent once the burst has been quiet for debounce.
func (w *watcher) batches(ctx context.Context, debounce time.Duration) <-chan []string {
	out := make(chan []string)
	go func() {
		defer close(out)
		pending := map[string]bool{}
		var timer <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.fw.Events:
				if !ok {
					return
				}
				rel, err := filepath.Rel(w.root, ev.Name)
				if err != nil || !relevant(rel) {
					continue
				}
				if ev.Op&fsnotify.Create != 0 {
					if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
						w.addTree(ev.Name)
					}
				}
				key := filepath.ToSlash(rel)
				if ev.Op&(fsnotify.Create|fsnotify.Remove|fsnotify.Rename) != 0 {
					key = "+" + key // structure changed: a full rebuild
				}
				pending[key] = true
				timer = time.After(debounce)
			case <-w.fw.Errors:
			case <-timer:
				batch := make([]string, 0, len(pending))
				for k := range pending {
					batch = append(batch, k)
				}
				sort.Strings(batch)
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
func describe(batch []string) string {
	clean := make([]string, len(batch))
	for i, p := range batch {
		clean[i] = strings.TrimPrefix(p, "+")
	}
	switch len(clean) {
	case 0:
		return "rebuild"
	case 1:
		return clean[0]
	}
	return clean[0] + " and " + strconv.Itoa(len(clean)-1) + " more"
}
