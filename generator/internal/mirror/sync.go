package mirror

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/outdir"
)

// Options tune a Sync.
type Options struct {
	Concurrency int           // downloads at once (default 4)
	Timeout     time.Duration // per request (default 30s)
	Retries     int           // extra attempts for a file that fails or does not match; 0 means none
	Progress    io.Writer     // where progress goes; nil for none
	Terminal    bool          // progress as one updating line
	MaxFiles    int           // largest manifest accepted (default 200,000)
	Client      *http.Client  // nil: a client that refuses redirects to another host
	Say         diag.Phrases  // the progress line's words; nil: English
}

// Report says what a Sync did.
type Report struct {
	Version    string
	Files      int   // files in the site
	Downloaded int   // files fetched from the source
	Bytes      int64 // bytes fetched
	Removed    int   // files no longer listed, gone from the copy
	Unchanged  bool  // the copy was already current
}

// source reads a site: over http(s) or from a local folder.
type source interface {
	fetch(ctx context.Context, p string, max int64, w io.Writer) (int64, error)
}

// Sync makes dest an exact copy of the site at src (an http(s) URL or a
// folder). dest is either the old or the new copy at every moment: the new
// one is assembled in a folder beside it and swapped in when complete. An
// interrupted run leaves dest as it was; the next run reuses every file it
// had already verified. dest must be missing, empty or an earlier copy (a
// folder holding oersite's mirror.json), and apart from a folder src.
func Sync(ctx context.Context, src, dest string, opt Options) (Report, error) {
	var rep Report
	if opt.Concurrency <= 0 {
		opt.Concurrency = 4
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	opt.Retries = max(opt.Retries, 0)
	if opt.MaxFiles <= 0 {
		opt.MaxFiles = 200000
	}
	s, err := openSource(src, opt)
	if err != nil {
		return rep, err
	}
	if ds, ok := s.(*dirSource); ok {
		defer ds.root.Close()
		if err := outdir.CheckApart(dest, src); err != nil {
			return rep, err
		}
	}
	if err := outdir.Recover(dest); err != nil {
		return rep, err
	}
	if err := outdir.CheckReplaceable(dest); err != nil {
		return rep, err
	}
	var raw strings.Builder
	if _, err := s.fetch(ctx, ManifestName, 64<<20, &raw); err != nil {
		return rep, fmt.Errorf("cannot read %s's %s: %w", src, ManifestName, err)
	}
	m, err := ParseManifest([]byte(raw.String()), opt.MaxFiles)
	if err != nil {
		return rep, err
	}
	rep.Version, rep.Files = m.Version, len(m.Files)
	if current(dest, m) {
		rep.Unchanged = true
		return rep, nil
	}
	st, err := outdir.Resume(dest)
	if err != nil {
		return rep, err
	}
	defer st.Release() // an interrupted run leaves its verified files for the next
	dest, staging := st.Dest(), st.Dir()
	if _, err := prune(staging, m); err != nil {
		return rep, err
	}
	if err := fill(ctx, s, dest, staging, m, opt, &rep); err != nil {
		return rep, err
	}
	if _, err := prune(staging, m); err != nil {
		return rep, err
	}
	if err := os.WriteFile(filepath.Join(staging, ManifestName), []byte(raw.String()), 0o644); err != nil {
		return rep, err
	}
	rep.Removed = countGone(dest, m)
	return rep, st.Commit()
}

// fill places every file of the manifest into staging, downloading what
// neither staging nor dest already holds.
func fill(ctx context.Context, s source, dest, staging string, m Manifest, opt Options, rep *Report) error {
	var total int64
	for _, f := range m.Files {
		total += f.Size
	}
	pr := &progress{w: opt.Progress, say: opt.Say, terminal: opt.Terminal, files: len(m.Files), total: total}
	work := make(chan File)
	errs := make(chan error, len(m.Files))
	var downloaded, bytes atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < opt.Concurrency; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				n, fetched, err := place(ctx, s, dest, staging, f, opt.Retries)
				if err != nil {
					errs <- err
					continue
				}
				if fetched {
					downloaded.Add(1)
					bytes.Add(n)
				}
				pr.done(f.Size)
			}
		}()
	}
	for _, f := range m.Files {
		if ctx.Err() != nil {
			break
		}
		work <- f
	}
	close(work)
	wg.Wait()
	close(errs)
	pr.finish()
	rep.Downloaded, rep.Bytes = int(downloaded.Load()), bytes.Load()
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	if err := errors.Join(all...); err != nil {
		return fmt.Errorf("%w\n%s was left as it was; run the same command again to resume", err, dest)
	}
	return ctx.Err()
}

// current reports whether dest already holds exactly the manifest's files.
func current(dest string, m Manifest) bool {
	old, err := os.ReadFile(filepath.Join(dest, ManifestName))
	if err != nil {
		return false
	}
	om, err := ParseManifest(old, 0)
	if err != nil || om.Version != m.Version {
		return false
	}
	for _, f := range m.Files {
		if !verify(filepath.Join(dest, filepath.FromSlash(f.Path)), f) {
			return false
		}
	}
	return true
}

// verify checks a file's size, then its hash.
func verify(p string, f File) bool {
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() != f.Size {
		return false
	}
	fh, err := os.Open(p)
	if err != nil {
		return false
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == f.SHA256
}

// place puts one verified file into staging: already there, linked from
// dest, or downloaded. It reports whether it downloaded.
func place(ctx context.Context, s source, dest, staging string, f File, retries int) (int64, bool, error) {
	target := filepath.Join(staging, filepath.FromSlash(f.Path))
	if verify(target, f) {
		return 0, false, nil
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return 0, false, err
	}
	_ = os.Remove(target)
	if old := filepath.Join(dest, filepath.FromSlash(f.Path)); verify(old, f) {
		if err := os.Link(old, target); err == nil {
			return 0, false, nil
		}
		if err := copyFile(old, target); err == nil {
			return 0, false, nil
		}
	}
	var last error
	for attempt := 0; attempt <= retries; attempt++ {
		n, err := download(ctx, s, f, target)
		if err == nil {
			return n, true, nil
		}
		last = err
		if ctx.Err() != nil {
			break
		}
	}
	return 0, true, fmt.Errorf("%s: %w", f.Path, last)
}

// download fetches a file into target, verifying size and hash before it is kept.
func download(ctx context.Context, s source, f File, target string) (int64, error) {
	part := target + ".oersite-part"
	out, err := os.OpenFile(part, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	h := sha256.New()
	n, err := s.fetch(ctx, f.Path, f.Size, io.MultiWriter(out, h))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n != f.Size {
		err = fmt.Errorf("received %d bytes, the manifest says %d", n, f.Size)
	}
	if err == nil && hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
		err = errors.New("the downloaded file does not match its SHA-256 in mirror.json")
	}
	if err != nil {
		os.Remove(part)
		return n, err
	}
	return n, os.Rename(part, target)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// prune removes from staging whatever the manifest does not list: files
// of an earlier, interrupted run that are gone or have become folders,
// folders that have become files, and partial downloads.
func prune(staging string, m Manifest) (int, error) {
	files := map[string]bool{ManifestName: true}
	dirs := map[string]bool{}
	for _, f := range m.Files {
		files[f.Path] = true
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	removed := 0
	err := filepath.WalkDir(staging, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == staging {
			return err
		}
		rel, _ := filepath.Rel(staging, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && dirs[rel], !d.IsDir() && d.Type().IsRegular() && files[rel]:
			return nil
		case d.IsDir():
			removed++
			if err := os.RemoveAll(p); err != nil {
				return err
			}
			return fs.SkipDir
		}
		removed++
		return os.Remove(p)
	})
	return removed, err
}

// countGone counts dest's files that the new manifest no longer lists.
func countGone(dest string, m Manifest) int {
	old, err := os.ReadFile(filepath.Join(dest, ManifestName))
	if err != nil {
		return 0
	}
	om, err := ParseManifest(old, 0)
	if err != nil {
		return 0
	}
	now := map[string]bool{}
	for _, f := range m.Files {
		now[f.Path] = true
	}
	gone := 0
	for _, f := range om.Files {
		if !now[f.Path] {
			gone++
		}
	}
	return gone
}

// openSource returns the reader for an http(s) URL or a local folder.
func openSource(src string, opt Options) (source, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		u, err := url.Parse(src)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("%q is not a web address", src)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		c := opt.Client
		if c == nil {
			c = &http.Client{}
		}
		cc := *c
		cc.Timeout = opt.Timeout
		host := u.Host
		cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if req.URL.Host != host {
				return fmt.Errorf("redirect to another host (%s) refused", req.URL.Host)
			}
			if len(via) > 5 {
				return errors.New("too many redirects")
			}
			return nil
		}
		return &httpSource{base: u, client: &cc}, nil
	}
	info, err := os.Stat(src)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("%q is neither a web address nor a folder", src)
	}
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	return &dirSource{root: root}, nil
}

type httpSource struct {
	base   *url.URL
	client *http.Client
}

func (h *httpSource) fetch(ctx context.Context, p string, max int64, w io.Writer) (int64, error) {
	u := *h.base
	u.Path += p
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return 0, err
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s answered %s", u.String(), resp.Status)
	}
	if resp.ContentLength > max {
		return 0, fmt.Errorf("%s is %d bytes, more than the %d expected", p, resp.ContentLength, max)
	}
	n, err := io.Copy(w, io.LimitReader(resp.Body, max+1))
	if err == nil && n > max {
		err = fmt.Errorf("%s is larger than the %d bytes expected", p, max)
	}
	return n, err
}

// dirSource reads a site from a folder through os.Root: no path component
// may lead out of it, and the files themselves may not be links.
type dirSource struct{ root *os.Root }

func (d *dirSource) fetch(_ context.Context, p string, max int64, w io.Writer) (int64, error) {
	full := filepath.FromSlash(p)
	info, err := d.root.Lstat(full)
	if err != nil {
		return 0, err
	}
	if !info.Mode().IsRegular() {
		return 0, fmt.Errorf("%s is not a regular file (links are refused)", p)
	}
	if info.Size() > max {
		return 0, fmt.Errorf("%s is %d bytes, more than the %d expected", p, info.Size(), max)
	}
	f, err := d.root.Open(full)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return io.Copy(w, io.LimitReader(f, max+1))
}

// progress prints files and bytes done.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	say      diag.Phrases
	terminal bool
	files    int
	total    int64
	n        int
	bytes    int64
	last     time.Time
}

func (p *progress) done(size int64) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	p.bytes += size
	if p.terminal {
		fmt.Fprintf(p.w, "\r%s ", p.line())
		return
	}
	if time.Since(p.last) > 2*time.Second || p.n == p.files {
		p.last = time.Now()
		fmt.Fprintln(p.w, p.line())
	}
}

// line is files and bytes done of all, in the reader's words.
func (p *progress) line() string {
	return p.say.Countf(p.files, "%d/%d file, %s/%s", "%d/%d files, %s/%s", p.n, p.files, human(p.bytes), human(p.total))
}

func (p *progress) finish() {
	if p.w != nil && p.terminal {
		fmt.Fprintln(p.w)
	}
}

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
