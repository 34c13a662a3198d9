package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
const copiesVersion = "2"

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
	run := &copyRun{out: out, used: map[string]bool{}, making: map[string]*copyJob{}}
	var (
		wg   sync.WaitGroup
		next = make(chan site.Asset)
	)
	for range min(runtime.GOMAXPROCS(0), max(1, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				w.writeCopiesOf(a, run)
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
	run.diags.Sort()
	w.copied = run.copied
	if ctx.Err() == nil && w.opt.copies == nil && w.opt.CacheDir != "" { // a command's build, which saw every picture
		pruneCopies(filepath.Join(w.opt.CacheDir, copiesFolder), run.used, time.Now().Add(-copiesMaxAge))
	}
	return run.diags, ctx.Err()
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

// copyRun is one build's writing of the copies, shared by its cores.
type copyRun struct {
	out    publish.Writer
	mu     sync.Mutex          // guards out and all below
	used   map[string]bool     // the cache's files this build's copies are
	making map[string]*copyJob // by copyKey and extension: a picture saved under two names is made once
	copied copiedPictures
	diags  diag.List
}

// copyJob is the making (or taking from the cache) of one picture's copies.
type copyJob struct {
	done   chan struct{} // closed when copies and err are set
	copies [][]byte
	err    error
}

// job returns the job of the picture of key and ext, and whether the
// caller is the first to ask, who does it.
func (r *copyRun) job(key, ext string) (*copyJob, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if j, ok := r.making[key+ext]; ok {
		return j, false
	}
	j := &copyJob{done: make(chan struct{})}
	r.making[key+ext] = j
	return j, true
}

// copyOf returns the copies of the picture in data at widths, taken from
// a cache or from the job of another file of the same bytes, else made
// (and kept in the caches); made says which.
func (w *writer) copyOf(run *copyRun, data []byte, key, ext string, widths []int) (copies [][]byte, made bool, err error) {
	j, mine := run.job(key, ext)
	if !mine {
		<-j.done
		return j.copies, false, j.err
	}
	defer close(j.done)
	if j.copies = w.cachedCopies(key, ext, widths); j.copies != nil {
		return j.copies, false, nil
	}
	if j.copies, j.err = picresize.Make(data, ext, widths); j.err == nil {
		w.keepCopies(key, ext, widths, j.copies)
	}
	return j.copies, true, j.err
}

// writeCopiesOf writes the copies of one picture, and notes in run the
// cache's files they are and whether it made them. A picture whose copies
// cannot be made (a kind of JPEG Go does not read) has its own bytes
// under the copies' names, so that its pages still show it, with a
// warning.
func (w *writer) writeCopiesOf(a site.Asset, run *copyRun) {
	width, height, ok := w.in.pictures(a.Src)
	ext := path.Ext(a.URL)
	widths := picresize.Widths(width, height, a.Size, ext)
	if !ok || len(widths) == 0 {
		return
	}
	var diags diag.List
	defer func() {
		run.mu.Lock()
		run.diags = append(run.diags, diags...)
		run.mu.Unlock()
	}()
	data, err := fs.ReadFile(w.in.fsys, a.Src)
	if err != nil {
		diags.Add(diag.Errorf(a.Src, 0, "", "cannot read: %v", err))
		return
	}
	key := copyKey(data)
	copies, made, err := w.copyOf(run, data, key, ext, widths)
	if err != nil {
		diags.Add(diag.Warnf(a.Src, 0, "save it again from a picture editor as an ordinary JPEG or PNG",
			"phones load this picture at full size: its smaller copies cannot be made (%v)", err))
		copies = make([][]byte, len(widths))
		for i := range copies {
			copies[i] = data
		}
	}
	run.mu.Lock()
	defer run.mu.Unlock()
	if made {
		run.copied.made++
	} else {
		run.copied.taken++
	}
	for _, cw := range widths {
		run.used[copyFile(key, ext, cw)] = true
	}
	for i, cw := range widths {
		if err := run.out.WriteFile(picresize.URL(a.URL, cw), copies[i]); err != nil {
			diags.Add(diag.Errorf(a.Src, 0, "", "cannot write: %v", err))
			break
		}
	}
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
	// diskless is a cache of one command's build without a cache folder,
	// for its offline copy's build: nothing is read or kept on disk.
	diskless bool
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
		if c.diskless {
			return
		}
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
	if c := w.opt.copies; c != nil && (!c.diskless || w.offlineZip() != "") { // diskless: kept only for an offline copy to come
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

// copiedPictures counts the pictures whose copies a build wrote.
type copiedPictures struct {
	made  int // made from the picture
	taken int // taken from a cache, in memory or on disk
}

// note tells it after the static stage's time (--timings).
func (c copiedPictures) note() string {
	if c.made+c.taken == 0 {
		return ""
	}
	return fmt.Sprintf("smaller copies of %s: %d made, %d taken from earlier builds or the same picture", pictures(c.made+c.taken), c.made, c.taken)
}

// pictures is "1 picture", "2 pictures".
func pictures(n int) string {
	if n == 1 {
		return "1 picture"
	}
	return fmt.Sprintf("%d pictures", n)
}
