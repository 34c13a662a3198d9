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
	"strconv"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/picresize"
	"github.com/oersite/oersite/generator/internal/picsize"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
)

// pictureSizes returns the sizes in pixels of the pictures under dir (by
// their paths from it), each file's header read once per build (a
// picture beside every lesson is asked for by each), and nothing outside
// dir.
func pictureSizes(dir string) func(string) (int, int, bool) {
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
		if root, err := os.OpenRoot(dir); err == nil {
			if f, err := root.Open(filepath.FromSlash(name)); err == nil {
				z.w, z.h, z.ok = picsize.Of(f, path.Ext(name))
				f.Close()
			}
			root.Close()
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
	var jobs []site.Asset
	for _, a := range w.res.Site.Assets {
		if w.in.pictures == nil {
			break // no sizes known: the pages offer no copies
		}
		if picresize.Copied(path.Ext(a.URL)) {
			jobs = append(jobs, a)
		}
	}
	var (
		mu    sync.Mutex
		diags diag.List
		wg    sync.WaitGroup
		next  = make(chan site.Asset)
	)
	for range min(runtime.GOMAXPROCS(0), max(1, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				if d := w.writeCopiesOf(a, out, &mu); d != nil {
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
	return diags, ctx.Err()
}

// writeCopiesOf writes the copies of one picture; mu guards out. A
// picture whose copies cannot be made (a kind of JPEG Go does not read)
// has its own bytes under the copies' names, so that its pages still show
// it, with a warning.
func (w *writer) writeCopiesOf(a site.Asset, out publish.Writer, mu *sync.Mutex) diag.List {
	width, _, ok := w.in.pictures(a.Src)
	widths := picresize.Widths(width, path.Ext(a.URL))
	if !ok || len(widths) == 0 {
		return nil
	}
	data, err := fs.ReadFile(w.in.fsys, a.Src)
	if err != nil {
		return diag.List{diag.Errorf(a.Src, 0, "", "cannot read: %v", err)}
	}
	var diags diag.List
	copies := w.cachedCopies(data, path.Ext(a.URL), widths)
	if copies == nil {
		if copies, err = picresize.Make(data, path.Ext(a.URL), widths); err == nil {
			w.keepCopies(data, path.Ext(a.URL), widths, copies)
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
	for i, cw := range widths {
		if err := out.WriteFile(picresize.URL(a.URL, cw), copies[i]); err != nil {
			diags.Add(diag.Errorf(a.Src, 0, "", "cannot write: %v", err))
			break
		}
	}
	return diags
}

// copyCache keeps the copies a dev server's builds made, by the bytes
// they were made from (see copyKey), for its next builds; and on disk, in
// the site's default cache folder (see DefaultCacheDir), for its next
// start, beside a command's builds.
type copyCache struct {
	mu     sync.Mutex
	m      map[string][][]byte
	source string
	once   sync.Once // the folder is found (and made) when a picture first has copies
	dir    string
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

// copyKey names copies of a picture's bytes at some widths.
func copyKey(data []byte, widths []int) string {
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:16]) + "-v" + copiesVersion
	for _, w := range widths {
		key += "-" + strconv.Itoa(w)
	}
	return key
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

// copyFile is where the cache keeps the copy of a picture's bytes at a width.
func copyFile(dir string, data []byte, ext string, width int) string {
	return filepath.Join(dir, copyKey(data, []int{width})+ext)
}

// cachedCopies returns the copies an earlier build kept, in memory or on
// disk, nil unless it kept them all.
func (w *writer) cachedCopies(data []byte, ext string, widths []int) [][]byte {
	if c := w.opt.copies; c != nil {
		c.mu.Lock()
		copies := c.m[copyKey(data, widths)]
		c.mu.Unlock()
		if copies != nil {
			return copies
		}
	}
	dir := w.copiesDir()
	if dir == "" {
		return nil
	}
	out := make([][]byte, len(widths))
	for i, cw := range widths {
		b, err := os.ReadFile(copyFile(dir, data, ext, cw))
		if err != nil || len(b) == 0 {
			return nil
		}
		out[i] = b
	}
	if c := w.opt.copies; c != nil {
		c.mu.Lock()
		c.m[copyKey(data, widths)] = out
		c.mu.Unlock()
	}
	return out
}

// keepCopies keeps copies in the cache folder for the next build; a copy
// that cannot be kept is made again then.
func (w *writer) keepCopies(data []byte, ext string, widths []int, copies [][]byte) {
	if c := w.opt.copies; c != nil {
		c.mu.Lock()
		c.m[copyKey(data, widths)] = copies
		c.mu.Unlock()
	}
	dir := w.copiesDir()
	if dir == "" || os.MkdirAll(dir, 0o755) != nil {
		return
	}
	for i, cw := range widths {
		name := copyFile(dir, data, ext, cw)
		tmp, err := os.CreateTemp(dir, ".copy-*")
		if err != nil {
			return
		}
		_, err = tmp.Write(copies[i])
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil || os.Rename(tmp.Name(), name) != nil {
			os.Remove(tmp.Name())
		}
	}
}
