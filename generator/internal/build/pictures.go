package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/picresize"
	"github.com/oersite/oersite/generator/internal/picsize"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
)

// pictureSizes returns the sizes in pixels of the pictures of the site
// (by their paths from its folder, read through fsys, the build's rooted
// view of it), each file's header read once per build (a picture beside
// every lesson is asked for by each).
func pictureSizes(fsys fs.FS) func(string) (int, int, bool) {
	type size struct {
		w, h int
		ok   bool
	}
	var mu sync.Mutex
	known := map[string]size{}
	return func(name string) (int, int, bool) {
		mu.Lock()
		z, done := known[name]
		mu.Unlock()
		if done {
			return z.w, z.h, z.ok
		}
		if f, err := fsys.Open(name); err == nil {
			z.w, z.h, z.ok = picsize.Of(f, path.Ext(name))
			f.Close()
		}
		mu.Lock()
		known[name] = z
		mu.Unlock()
		return z.w, z.h, z.ok
	}
}

// copiesVersion names how copies are made: a change to picresize's
// output changes it, and the cached copies of older builds are not taken.
const copiesVersion = "1"

// writeCopies writes the smaller copies of the site's large pictures
// (picresize) that the pages offer in their srcset, on every core: each
// taken from the cache folder when an earlier build made it from the same
// bytes, else made and kept there (see writeCopiesOf for one that cannot
// be made). What it says is in the pictures' order, whatever the cores'.
func (w *writer) writeCopies(ctx context.Context, out publish.Writer) (diag.List, error) {
	if w.in.pictures == nil {
		return nil, nil // no sizes known: the pages offer no copies
	}
	var jobs []site.Asset
	for _, a := range w.res.Site.Assets {
		if picresize.Copied(path.Ext(a.URL)) {
			jobs = append(jobs, a)
		}
	}
	var (
		mu    sync.Mutex // guards out, diags and used
		diags diag.List
		used  = map[string]bool{} // the cache's files this build's copies are
		wg    sync.WaitGroup
		next  = make(chan site.Asset)
	)
	for range min(runtime.GOMAXPROCS(0), max(1, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				if d := w.writeCopiesOf(a, out, &mu, used); d != nil {
					mu.Lock()
					diags = append(diags, d...)
					mu.Unlock()
				}
			}
		}()
	}
	for _, a := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- a
	}
	close(next)
	wg.Wait()
	diags.Sort()
	if ctx.Err() == nil && w.opt.copies == nil && w.opt.CacheDir != "" { // a command's build, which saw every picture
		pruneCopies(filepath.Join(w.opt.CacheDir, copiesFolder), used, time.Now().Add(-copiesMaxAge))
	}
	return diags, ctx.Err()
}

// copiesMaxAge is how long the cache folder keeps a copy no build used
// (a picture replaced, or one of another branch of the site's
// repository): each build that uses a copy renews it.
const copiesMaxAge = 30 * 24 * time.Hour

// pruneCopies removes from the cache folder of copies the files not in
// used and unchanged since before: without it the folder grows with every
// picture ever replaced.
func pruneCopies(dir string, used map[string]bool, before time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if used[e.Name()] || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(before) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// writeCopiesOf writes the copies of one picture and notes in used the
// cache's files they are; mu guards out and used. A
// picture whose copies cannot be made (a kind of JPEG Go does not read)
// has its own bytes under the copies' names, so that its pages still show
// it, with a warning.
func (w *writer) writeCopiesOf(a site.Asset, out publish.Writer, mu *sync.Mutex, used map[string]bool) diag.List {
	width, height, ok := w.in.pictures(a.Src)
	widths := picresize.Widths(width, height, a.Size, path.Ext(a.URL))
	if !ok || len(widths) == 0 {
		return nil
	}
	data, err := fs.ReadFile(w.in.fsys, a.Src)
	if err != nil {
		return diag.List{diag.Errorf(a.Src, 0, "", "cannot read: %v", err)}
	}
	var diags diag.List
	key := copyKey(data)
	copies := w.cachedCopies(key, path.Ext(a.URL), widths)
	if copies == nil {
		if copies, err = picresize.Make(data, path.Ext(a.URL), widths); err == nil {
			w.keepCopies(key, path.Ext(a.URL), widths, copies)
		} else {
			diags.Add(diag.Warnf(a.Src, 0, "save it again from a picture editor as an ordinary JPEG or PNG",
				"phones load this picture at full size: its smaller copies cannot be made (%v)", err))
			copies = make([][]byte, len(widths))
			for i := range copies {
				copies[i] = data
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, cw := range widths {
		used[copyFile(key, path.Ext(a.URL), cw)] = true
	}
	for i, cw := range widths {
		if err := out.WriteFile(picresize.URL(a.URL, cw), copies[i]); err != nil {
			diags.Add(diag.Errorf(a.Src, 0, "", "cannot write: %v", err))
			break
		}
	}
	return diags
}

// copyCache keeps the copies a dev server's builds made, by the bytes
// they were made from and their width (see copyFile), for its next builds; and on disk, in
// the site's default cache folder (see DefaultCacheDir), for its next
// start, beside a command's builds.
type copyCache struct {
	mu     sync.Mutex
	m      map[string][]byte // by file name (see copyFile)
	source string
	once   sync.Once // the folder is found (and made) when a picture first has copies
	dir    string
}

// keep keeps copies in memory, by their file names (see copyFile).
func (c *copyCache) keep(key, ext string, widths []int, copies [][]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, cw := range widths {
		c.m[copyFile(key, ext, cw)] = copies[i]
	}
}

// folder returns the folder keeping the copies on disk, "" for none.
func (c *copyCache) folder() string {
	c.once.Do(func() {
		if dir, err := DefaultCacheDir(c.source); err == nil && dir != "" {
			c.dir = filepath.Join(dir, copiesFolder)
		}
	})
	return c.dir
}

// copiesFolder is the cache folder's folder of copies.
const copiesFolder = "pictures"

// copyKey names the copies of a picture's bytes: their SHA-256 (the
// first half) and how copies are made.
func copyKey(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16]) + "-v" + copiesVersion
}

// copiesDir is the folder of copies kept on disk, "" for none.
func (w *writer) copiesDir() string {
	switch {
	case w.opt.CacheDir != "":
		return filepath.Join(w.opt.CacheDir, copiesFolder)
	case w.opt.copies != nil:
		return w.opt.copies.folder()
	}
	return ""
}

// copyFile is the file name of the copy at width of the picture of key.
func copyFile(key, ext string, width int) string {
	return key + "-" + strconv.Itoa(width) + ext
}

// cachedCopies returns the copies at widths of the picture of key that an
// earlier build kept, in memory or on disk, nil unless it kept them all.
func (w *writer) cachedCopies(key, ext string, widths []int) [][]byte {
	out := make([][]byte, len(widths))
	c := w.opt.copies
	if c != nil {
		c.mu.Lock()
		for i, cw := range widths {
			out[i] = c.m[copyFile(key, ext, cw)]
		}
		c.mu.Unlock()
		if !slices.ContainsFunc(out, func(b []byte) bool { return b == nil }) {
			return out
		}
	}
	dir := w.copiesDir()
	if dir == "" {
		return nil
	}
	now := time.Now()
	for i, cw := range widths {
		name := filepath.Join(dir, copyFile(key, ext, cw))
		b, err := os.ReadFile(name)
		if err != nil || len(b) == 0 {
			return nil
		}
		out[i] = b
		os.Chtimes(name, now, now) // used: kept another copiesMaxAge (see pruneCopies)
	}
	if c != nil {
		c.keep(key, ext, widths, out)
	}
	return out
}

// keepCopies keeps the copies of the picture of key for the next build:
// in the dev server's memory, and in the cache folder (a copy that cannot
// be kept there is made again then).
func (w *writer) keepCopies(key, ext string, widths []int, copies [][]byte) {
	if c := w.opt.copies; c != nil {
		c.keep(key, ext, widths, copies)
	}
	dir := w.copiesDir()
	if dir == "" || os.MkdirAll(dir, 0o755) != nil {
		return
	}
	for i, cw := range widths {
		if outdir.ReplaceFile(filepath.Join(dir, copyFile(key, ext, cw)), copies[i]) != nil {
			return
		}
	}
}
