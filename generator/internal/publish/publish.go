// Package publish writes a build's output: into a staging directory beside
// the destination, swapped in only when the whole build succeeded, or into
// memory for tests and the dev server. It refuses any path that would leave
// the output, and records every file's size and SHA-256 for the manifest.
package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/outdir"
)

// Writer receives the files of a build. Implementations are safe for concurrent use.
type Writer interface {
	// WriteFile writes data at p, a slash-separated path from the site root.
	WriteFile(p string, data []byte) error
	// CopyFile copies srcPath of fsys to p.
	CopyFile(p string, fsys fs.FS, srcPath string) error
}

// Entry is one written file.
type Entry struct {
	Path   string
	Size   int64
	SHA256 string
}

// CheckPath refuses paths that are empty, absolute, climb with "..", use
// backslashes or NUL, or otherwise would not stay inside the output.
func CheckPath(p string) error {
	switch {
	case p == "" || p == ".":
		return errors.New("empty output path")
	case strings.HasPrefix(p, "/") || filepath.IsAbs(p) || (len(p) > 1 && p[1] == ':'):
		return fmt.Errorf("output path %q is absolute", p)
	case strings.ContainsAny(p, "\\\x00"):
		return fmt.Errorf("output path %q has a backslash or NUL", p)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return fmt.Errorf("output path %q leaves the output folder or is malformed", p)
		}
	}
	if path.Clean(p) != p {
		return fmt.Errorf("output path %q is not clean", p)
	}
	return nil
}

// recorder keeps the entries written, by path.
type recorder struct {
	mu      sync.Mutex
	entries map[string]Entry
	// inherited are the files a staging folder made from the last build
	// holds as links, until written again (see NewStagingFrom).
	inherited map[string]Entry
	// same are inherited files written again with the bytes they held:
	// left as they were, still inherited (see Staging.WriteFile).
	same map[string]bool
}

// holdsAlready reports whether p is an inherited file whose size and
// digest, as the last build recorded them, are size and sum; if so, p
// counts as written (a second file at p is an error, as in record).
func (r *recorder) holdsAlready(p string, size int64, sum []byte) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.same[p] {
		return false, fmt.Errorf("two files of the build are written at %s", p)
	}
	e, ok := r.inherited[p]
	if !ok || e.Size != size || e.SHA256 != hex.EncodeToString(sum) {
		return false, nil
	}
	if r.same == nil {
		r.same = map[string]bool{}
	}
	r.same[p] = true
	return true, nil
}

// inherit takes p out of the inherited files, reporting whether it was one.
func (r *recorder) inherit(p string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.inherited[p]
	delete(r.inherited, p)
	return ok
}

// dropInherited takes p out of the inherited files unless it was written
// again with the bytes it held, reporting whether it did.
func (r *recorder) dropInherited(p string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.same[p] {
		return false
	}
	_, ok := r.inherited[p]
	delete(r.inherited, p)
	return ok
}

func (r *recorder) record(p string, size int64, sum []byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.entries == nil {
		r.entries = map[string]Entry{}
	}
	if _, dup := r.entries[p]; dup || r.same[p] {
		return fmt.Errorf("two files of the build are written at %s", p)
	}
	r.entries[p] = Entry{Path: p, Size: size, SHA256: hex.EncodeToString(sum)}
	return nil
}

// Entries returns what was written (and, in a staging folder made from
// the last build, what it still holds of it), sorted by path.
func (r *recorder) Entries() []Entry {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Entry, 0, len(r.entries)+len(r.inherited))
	for _, e := range r.entries {
		out = append(out, e)
	}
	for _, e := range r.inherited {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Staging writes into a new directory beside the destination. Commit swaps
// it in; Abort removes it. The destination is untouched until Commit.
type Staging struct {
	recorder
	out  *outdir.Staging
	dir  string
	mu   sync.Mutex
	dirs map[string]bool
}

// NewStaging prepares a staging directory for dest, after repairing what an
// interrupted build left beside it. It refuses a dest that is not a folder
// or holds something other than an earlier build, so that a wrong --dest
// cannot replace the user's files.
func NewStaging(dest string) (*Staging, error) {
	out, err := outdir.New(dest)
	if err != nil {
		return nil, err
	}
	if err := outdir.CheckReplaceable(dest); err != nil {
		_ = out.Abort()
		return nil, err
	}
	return &Staging{out: out, dir: out.Dir(), dirs: map[string]bool{}}, nil
}

// NewStagingFrom prepares a staging directory, as NewStaging does, holding
// the files of the last build that the next one keeps: each of entries
// but those skip names, as a hard link to the file in dest (no copy).
// The caller has made sure that dest holds what entries say. A file
// written again replaces its link, never writes through it: dest stays
// as it was until Commit. An error (a file system without hard links)
// leaves nothing behind.
func NewStagingFrom(dest string, entries []Entry, skip func(string) bool) (*Staging, error) {
	s, err := NewStaging(dest)
	if err != nil {
		return nil, err
	}
	if err := s.Inherit(entries, skip); err != nil {
		_ = s.Abort()
		return nil, err
	}
	return s, nil
}

// NewStagingFromTree prepares a staging directory, as NewStaging does, from
// tree: a folder on dest's file system holding an earlier version of dest
// (the one before it, kept by KeepPrevious), whose files are hard links to
// dest's but at the paths changed. The staging directory takes tree over;
// each changed path is made what entries say dest holds (a link to dest's
// file) or removed, with the folders it leaves empty. It then holds every
// file of entries, as NewStagingFrom(dest, entries, nil) would make it, for
// a few file operations per change instead of one per file. The caller has
// made sure that dest holds what entries say, and that tree holds what
// entries said before the changes (see the build's record). An error
// leaves no staging folder, and tree is then gone or where it was.
func NewStagingFromTree(dest, tree string, entries []Entry, changed []string) (*Staging, error) {
	s, err := NewStaging(dest)
	if err != nil {
		return nil, err
	}
	if err := s.out.Adopt(tree); err != nil {
		_ = s.Abort()
		return nil, err
	}
	if err := s.applyChanges(entries, changed); err != nil {
		_ = s.Abort()
		return nil, err
	}
	return s, nil
}

// applyChanges makes each changed path of an adopted tree what entries say
// dest holds, and records every entry as inherited.
func (s *Staging) applyChanges(entries []Entry, changed []string) error {
	src, err := outdir.Resolve(s.out.Dest())
	if err != nil {
		return err
	}
	byPath := make(map[string]Entry, len(entries))
	for _, e := range entries {
		byPath[e.Path] = e
	}
	for _, p := range changed {
		if err := CheckPath(p); err != nil {
			return err
		}
		full := filepath.Join(s.dir, filepath.FromSlash(p))
		if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if _, ok := byPath[p]; !ok {
			s.removeEmptyParents(full)
			continue
		}
		if _, err := s.prepare(p); err != nil {
			return err
		}
		if err := os.Link(filepath.Join(src, filepath.FromSlash(p)), full); err != nil {
			return err
		}
	}
	s.recorder.mu.Lock()
	s.inherited = byPath
	s.recorder.mu.Unlock()
	return nil
}

// Drop removes an inherited file from the staging folder, with the folders
// it leaves empty: the next version does not hold it, unless written again.
// A file written since (even with the bytes it held) stays.
func (s *Staging) Drop(p string) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	if !s.dropInherited(p) {
		return nil
	}
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	s.removeEmptyParents(full)
	return nil
}

// removeEmptyParents removes the folders above full, from the nearest up,
// while they are empty, never the staging directory itself.
func (s *Staging) removeEmptyParents(full string) {
	for dir := filepath.Dir(full); dir != s.dir && strings.HasPrefix(dir, s.dir+string(filepath.Separator)); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			return // not empty (or not there)
		}
		s.mu.Lock()
		delete(s.dirs, dir)
		s.mu.Unlock()
	}
}

// Inherit adds to the staging folder, as NewStagingFrom does, the files of
// entries but those skip names (and those already there) as hard links to
// the destination's. It is not to be called while files are written.
func (s *Staging) Inherit(entries []Entry, skip func(string) bool) error {
	src, err := outdir.Resolve(s.out.Dest())
	if err != nil {
		return err
	}
	return s.linkAll(src, entries, skip)
}

// linkAll links each kept entry of dir into the staging folder, on every
// core.
func (s *Staging) linkAll(dir string, entries []Entry, skip func(string) bool) error {
	var kept []Entry
	s.recorder.mu.Lock()
	if s.inherited == nil {
		s.inherited = make(map[string]Entry, len(entries))
	}
	for _, e := range entries {
		if _, there := s.inherited[e.Path]; !there && (skip == nil || !skip(e.Path)) {
			kept = append(kept, e)
			s.inherited[e.Path] = e
		}
	}
	s.recorder.mu.Unlock()
	workers := min(runtime.GOMAXPROCS(0), max(1, len(kept)/256))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// each takes a run of entries, so that a folder's files mostly go to one
			for _, e := range kept[w*len(kept)/workers : (w+1)*len(kept)/workers] {
				full, err := s.prepare(e.Path)
				if err == nil {
					err = os.Link(filepath.Join(dir, filepath.FromSlash(e.Path)), full)
				}
				if err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Inherited reports whether the file at p is still the last build's (a
// staging folder made by NewStagingFrom, p not written since).
func (s *Staging) Inherited(p string) bool { return s.recorder.inherits(p) }

func (r *recorder) inherits(p string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.inherited[p]
	return ok
}

// replace makes room at full for a new file at p: a link to the last
// build's file is removed first.
func (s *Staging) replace(p, full string) error {
	if !s.inherit(p) {
		return nil
	}
	return os.Remove(full)
}

// MarkerFile is written by every build; a destination holding it may be replaced.
const MarkerFile = outdir.MarkerFile

// Dir returns the staging directory.
func (s *Staging) Dir() string { return s.dir }

func (s *Staging) prepare(p string) (string, error) {
	if err := CheckPath(p); err != nil {
		return "", err
	}
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	parent := filepath.Dir(full)
	s.mu.Lock()
	known := s.dirs[parent]
	s.mu.Unlock()
	if !known {
		// Most pages get a folder of their own inside one that exists:
		// one mkdir, without MkdirAll's stat calls first.
		if err := os.Mkdir(parent, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return "", err
			}
		}
		s.mu.Lock()
		s.dirs[parent] = true
		s.mu.Unlock()
	}
	return full, nil
}

// WriteFile implements Writer. A file the staging folder inherited from
// the last build that already holds data (its size and SHA-256 as the
// last build recorded them) is left as it is: still a link to the last
// build's file, neither written nor among Written's paths.
func (s *Staging) WriteFile(p string, data []byte) error {
	full, err := s.prepare(p)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	if same, err := s.holdsAlready(p, int64(len(data)), sum[:]); same || err != nil {
		return err
	}
	if err := s.replace(p, full); err != nil {
		return err
	}
	if err := s.record(p, int64(len(data)), sum[:]); err != nil {
		return err
	}
	return writeFile(full, data)
}

// Stream writes the file at p into out from what write writes. An output
// writing files (a staging folder) takes it as it comes, never holding it
// whole in memory; others get it in one piece.
func Stream(out Writer, p string, write func(io.Writer) error) error {
	if s, ok := out.(interface {
		stream(string, func(io.Writer) error) error
	}); ok {
		return s.stream(p, write)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return out.WriteFile(p, buf.Bytes())
}

// stream writes the file at p from what write writes, with its size and
// SHA-256 recorded on the way.
func (s *Staging) stream(p string, write func(io.Writer) error) error {
	full, err := s.prepare(p)
	if err != nil {
		return err
	}
	if err := s.replace(p, full); err != nil {
		return err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	h := sha256.New()
	counted := &countWriter{w: io.MultiWriter(f, h)}
	err = write(counted)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return s.record(p, counted.n, h.Sum(nil))
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ReleasesData reports that WriteFile is done with data when it returns
// (it is on disk), so that callers may reuse the buffer.
func (s *Staging) ReleasesData() bool { return true }

// ReleasesData reports whether w is done with the data passed to WriteFile
// when it returns; writers that keep it (Memory) do not say so.
func ReleasesData(w Writer) bool {
	r, ok := w.(interface{ ReleasesData() bool })
	return ok && r.ReleasesData()
}

// CopyFile implements Writer.
func (s *Staging) CopyFile(p string, fsys fs.FS, srcPath string) error {
	in, err := fsys.Open(srcPath)
	if err != nil {
		return err
	}
	defer in.Close()
	return s.stream(p, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// Commit replaces the destination with the staged build, in one atomic
// exchange where the system offers one, and removes the previous version.
func (s *Staging) Commit() error { return s.out.Commit() }

// Swap replaces the destination with the staged build, as Commit does,
// leaving the previous version for Remove.
func (s *Staging) Swap() error { return s.out.Swap() }

// Remove deletes the staging folder after Swap, previous version and all.
func (s *Staging) Remove() error { return s.out.Remove() }

// KeepPrevious moves the previous version a Swap left to path (on the same
// file system, not existing), for NewStagingFromTree to take up in the
// next build; Remove then deletes the rest.
func (s *Staging) KeepPrevious(path string) error { return s.out.KeepPrevious(path) }

// Discard moves path (on the destination's file system) into the staging
// folder, for Remove to delete with it.
func (s *Staging) Discard(path string) error { return s.out.Discard(path) }

// Written lists the paths written into the staging folder, as opposed to
// those it holds from the last build, sorted.
func (s *Staging) Written() []string {
	s.recorder.mu.Lock()
	defer s.recorder.mu.Unlock()
	out := make([]string, 0, len(s.entries))
	for p := range s.entries {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Abort removes the staging directory; the destination stays as it was.
func (s *Staging) Abort() error { return s.out.Abort() }

// AbortWithin removes the staging directory, waiting at most d (a build
// told to stop); it reports whether the directory is gone. The next build
// removes what is left.
func (s *Staging) AbortWithin(d time.Duration) bool { return s.out.AbortWithin(d) }

// Memory keeps a build's files in memory.
type Memory struct {
	recorder
	mu    sync.Mutex
	Files map[string][]byte
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory { return &Memory{Files: map[string][]byte{}} }

// Inherit records entries as files the output holds from the last build
// without their bytes (an offline copy's files kept in the last zip),
// each until it is written again: Entries lists them, Files does not.
func (m *Memory) Inherit(entries []Entry) {
	m.recorder.mu.Lock()
	defer m.recorder.mu.Unlock()
	if m.inherited == nil {
		m.inherited = make(map[string]Entry, len(entries))
	}
	for _, e := range entries {
		m.inherited[e.Path] = e
	}
}

// Inherited reports whether the file at p is still the last build's (see Inherit).
func (m *Memory) Inherited(p string) bool { return m.recorder.inherits(p) }

// WriteFile implements Writer.
func (m *Memory) WriteFile(p string, data []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	m.inherit(p)
	sum := sha256.Sum256(data)
	if err := m.record(p, int64(len(data)), sum[:]); err != nil {
		return err
	}
	m.mu.Lock()
	m.Files[p] = data
	m.mu.Unlock()
	return nil
}

// CopyFile implements Writer.
func (m *Memory) CopyFile(p string, fsys fs.FS, srcPath string) error {
	data, err := fs.ReadFile(fsys, srcPath)
	if err != nil {
		return err
	}
	return m.WriteFile(p, data)
}

// Replace writes or overwrites a file, for the dev server's incremental rebuilds.
func (m *Memory) Replace(p string, data []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	m.inherit(p)
	m.recorder.mu.Lock()
	if m.entries == nil {
		m.entries = map[string]Entry{}
	}
	m.entries[p] = Entry{Path: p, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	m.recorder.mu.Unlock()
	m.mu.Lock()
	m.Files[p] = data
	m.mu.Unlock()
	return nil
}

// Remove forgets a file, for the dev server's incremental rebuilds.
func (m *Memory) Remove(p string) {
	m.inherit(p)
	m.recorder.mu.Lock()
	delete(m.entries, p)
	m.recorder.mu.Unlock()
	m.mu.Lock()
	delete(m.Files, p)
	m.mu.Unlock()
}

// Get returns a file's bytes.
func (m *Memory) Get(p string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.Files[p]
	return b, ok
}

// SafeName turns a title into a file-name-safe word: "Learning2gether" -> "learning2gether".
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	if out := strings.Trim(b.String(), "-"); out != "" {
		return out
	}
	return "site"
}
