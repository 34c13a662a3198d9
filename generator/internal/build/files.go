package build

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"iter"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/publish"
)

// Files is one published state of a session's output. It never changes once
// published: a rebuild prepares the next state aside and the session swaps
// it in at once, so that readers (the dev server's handlers, on their own
// goroutines) see either the old site or the new one, never a mix.
type Files struct {
	byPath map[string]*File
}

// File is one file of a published state.
type File struct {
	// Data is the file's content; callers must not change it.
	Data []byte
	// ModTime is when this content was published.
	ModTime time.Time

	etagOnce sync.Once
	etag     string
}

// ETag returns a strong entity tag for the content, computed on first use.
func (f *File) ETag() string {
	f.etagOnce.Do(func() {
		sum := sha256.Sum256(f.Data)
		f.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
	})
	return f.etag
}

// Get returns the file at p (slash-separated, from the site root).
func (set *Files) Get(p string) (*File, bool) {
	f, ok := set.byPath[p]
	return f, ok
}

// Data returns the content of the file at p.
func (set *Files) Data(p string) ([]byte, bool) {
	f, ok := set.byPath[p]
	if !ok {
		return nil, false
	}
	return f.Data, true
}

// Len is the number of files.
func (set *Files) Len() int { return len(set.byPath) }

// All yields every path and content, in path order.
func (set *Files) All() iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		for _, p := range slices.Sorted(maps.Keys(set.byPath)) {
			if !yield(p, set.byPath[p].Data) {
				return
			}
		}
	}
}

// snapshot publishes every file of a finished build.
func snapshot(files map[string][]byte, at time.Time) *Files {
	out := &Files{byPath: make(map[string]*File, len(files))}
	for p, data := range files {
		out.byPath[p] = &File{Data: data, ModTime: at}
	}
	return out
}

// with returns a new state: fs with the changed paths taken from files
// (a path missing there was removed). fs itself is left as it was.
func (set *Files) with(changed map[string]bool, files map[string][]byte, at time.Time) *Files {
	out := &Files{byPath: maps.Clone(set.byPath)}
	for p := range changed {
		if data, ok := files[p]; ok {
			out.byPath[p] = &File{Data: data, ModTime: at}
		} else {
			delete(out.byPath, p)
		}
	}
	return out
}

// sessionOutput is the in-memory output a session's incremental rebuilds
// write into: it overwrites files and notes which paths changed, so that
// the next published state copies only those.
type sessionOutput struct {
	mem     *publish.Memory
	mu      sync.Mutex
	changed map[string]bool
}

func newSessionOutput(mem *publish.Memory) *sessionOutput {
	return &sessionOutput{mem: mem, changed: map[string]bool{}}
}

func (o *sessionOutput) note(p string) {
	o.mu.Lock()
	o.changed[p] = true
	o.mu.Unlock()
}

// WriteFile implements publish.Writer, overwriting an existing file.
func (o *sessionOutput) WriteFile(p string, data []byte) error {
	if err := o.mem.Replace(p, data); err != nil {
		return err
	}
	o.note(p)
	return nil
}

// CopyFile implements publish.Writer, overwriting an existing file.
func (o *sessionOutput) CopyFile(p string, fsys fs.FS, src string) error {
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		return err
	}
	return o.WriteFile(p, data)
}

// Remove forgets a file.
func (o *sessionOutput) Remove(p string) {
	o.mem.Remove(p)
	o.note(p)
}

// Entries lists every file of the output, for mirror.json.
func (o *sessionOutput) Entries() []publish.Entry { return o.mem.Entries() }

// takeChanged returns the paths changed since the last call.
func (o *sessionOutput) takeChanged() map[string]bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	c := o.changed
	o.changed = map[string]bool{}
	return c
}
