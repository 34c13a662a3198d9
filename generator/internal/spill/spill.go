// Package spill keeps what a build makes early and reads again late (the
// pages' rendered HTML and plain text, between the Markdown stage and the
// pages and search stages) in a temporary file instead of the process's
// memory: the system keeps the file in its page cache while memory allows,
// and writes it to disk when it does not, so that a large site builds in a
// bounded amount of memory. Writes append; reads may come from any
// goroutine once the writes they read are done.
package spill

import (
	"bufio"
	"io"
	"os"
	"sync"
	"time"
	"unsafe"

	"github.com/oersite/oersite/generator/internal/outdir"
)

// Prefix starts the name of every spill file, so that files left by a
// build that was killed can be found and removed.
const Prefix = ".spill-"

// File is one build's spill file.
type File struct {
	mu sync.Mutex
	f  *os.File
	// unlinked is set when the file's name was removed at once, as
	// Unix systems allow: the open file lives on, and nothing is left
	// behind whatever becomes of the build.
	unlinked bool
	// readOnly is set on a kept file opened to read (Open): a write is an error.
	readOnly bool
	w        *bufio.Writer
	size     int64 // bytes written, buffered ones included
	err      error // the first write or read error
}

// Span is where one stretch of bytes is in the file.
type Span struct {
	Off int64
	Len int64
}

// Create makes a spill file in dir, and removes the ones builds killed
// long ago left there.
func Create(dir string) (*File, error) {
	s, err := CreateKeepable(dir)
	if err != nil {
		return nil, err
	}
	s.unlinked = os.Remove(s.f.Name()) == nil
	return s, nil
}

// CreateKeepable makes a spill file in dir, as Create does, that Keep can
// give a lasting name once the build has succeeded. Until then its name
// starts with Prefix: a build killed meanwhile leaves a file that the
// next builds remove once it is old (see Create).
func CreateKeepable(dir string) (*File, error) {
	outdir.RemoveStale(dir, Prefix+"*")
	f, err := os.CreateTemp(dir, Prefix+"*")
	if err != nil {
		return nil, err
	}
	return &File{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// Open opens a kept spill file (see Keep), to read what an earlier build
// put there. It is never written to.
func Open(name string) (*File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &File{f: f, unlinked: true, readOnly: true, w: bufio.NewWriter(io.Discard), size: info.Size()}, nil
}

// Resume takes src, a kept spill file opened to read (Open), over as this
// build's spill file, holding what src holds before n: the file is moved
// into dir (on its file system) under a name CreateKeepable would give it,
// cut at n, and written on from there. Nothing is copied, where CopyFrom
// copies the whole file. src must not be read at n or after any more. On
// an error src's file is where it was, or gone.
func Resume(src *File, dir string, n int64) (*File, error) {
	if !src.readOnly || n < 0 || n > src.size {
		return nil, os.ErrInvalid
	}
	tmp, err := os.CreateTemp(dir, Prefix+"*")
	if err != nil {
		return nil, err
	}
	tmp.Close()
	if err := os.Rename(src.f.Name(), tmp.Name()); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	f, err := os.OpenFile(tmp.Name(), os.O_RDWR, 0)
	if err == nil {
		// Its time made now: under its temporary name, an old time would
		// have it taken for a file a killed build left (see CreateKeepable;
		// TestResumedKeptFile). The cut does not do it everywhere: POSIX
		// changes a file's times on a truncate only when its size changes,
		// and a file resumed at its end is not cut at all.
		now := time.Now()
		err = os.Chtimes(tmp.Name(), now, now)
	}
	if err == nil {
		err = f.Truncate(n)
		if err == nil {
			_, err = f.Seek(n, io.SeekStart)
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	return &File{f: f, w: bufio.NewWriterSize(f, 1<<20), size: n}, nil
}

// CopyFrom puts the first n bytes src holds at the start of s, which must
// be empty, so that src's spans there are s's too; the system copies the
// bytes without them passing through the process where it can
// (copy_file_range).
func (s *File) CopyFrom(src *File, n int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size != 0 || s.err != nil || n > src.size {
		return os.ErrInvalid
	}
	if _, err := src.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	copied, err := io.Copy(s.f, &io.LimitedReader{R: src.f, N: n})
	s.size = copied
	if err == nil && copied != n {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		s.err = err
	}
	return err
}

// Reader reads back what was put at sp, as a stream.
func (s *File) Reader(sp Span) io.Reader {
	s.mu.Lock()
	if s.w.Buffered() > 0 {
		if err := s.w.Flush(); err != nil && s.err == nil {
			s.err = err
		}
	}
	s.mu.Unlock()
	return io.NewSectionReader(s.f, sp.Off, sp.Len)
}

// Appender returns a writer appending to the file, and what tells, once
// the writes are done, where they all are. Nothing else may write to the
// file meanwhile: the writes must follow one another.
func (s *File) Appender() (io.Writer, func() Span) {
	start := s.Size()
	w := appender{s}
	return w, func() Span { return Span{Off: start, Len: s.Size() - start} }
}

type appender struct{ s *File }

func (a appender) Write(b []byte) (int, error) {
	a.s.Write(b)
	return len(b), nil
}

// Size is how many bytes the file holds (those written, buffered ones included).
func (s *File) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

// Keep writes out what is buffered and gives the file the name name
// (replacing what is there), for a later build to Open; Remove then
// leaves it. A file made by Create cannot be kept.
func (s *File) Keep(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unlinked {
		return os.ErrInvalid
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	if s.err != nil {
		return s.err
	}
	if err := os.Rename(s.f.Name(), name); err != nil {
		return err
	}
	s.unlinked = true // the name is no longer this build's to remove
	return nil
}

// Write appends b and returns where it is.
func (s *File) Write(b []byte) Span {
	return s.append(len(b), func() error { _, err := s.w.Write(b); return err })
}

// WriteString appends t and returns where it is.
func (s *File) WriteString(t string) Span {
	return s.append(len(t), func() error { _, err := s.w.WriteString(t); return err })
}

// append writes n bytes with write, under the lock, and returns where
// they are; the first error is kept for Err.
func (s *File) append(n int, write func() error) Span {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly {
		if s.err == nil {
			s.err = os.ErrPermission
		}
		return Span{}
	}
	sp := Span{Off: s.size, Len: int64(n)}
	if err := write(); err != nil && s.err == nil {
		s.err = err
	}
	s.size += sp.Len
	return sp
}

// String reads back what Write or WriteString put at sp. A read that fails
// gives "" and is kept for Err.
func (s *File) String(sp Span) string {
	if sp.Len == 0 {
		return ""
	}
	s.mu.Lock()
	if s.w.Buffered() > 0 {
		if err := s.w.Flush(); err != nil && s.err == nil {
			s.err = err
		}
	}
	s.mu.Unlock()
	b := make([]byte, sp.Len)
	if _, err := s.f.ReadAt(b, sp.Off); err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = err
		}
		s.mu.Unlock()
		return ""
	}
	// b is this call's own and never written again: the string shares it
	// instead of copying it (as strings.Builder does). Pages' text and
	// HTML are read back this way several times a build.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// Err is the first error writing or reading the file: what was read after
// it may be missing, and the build must fail.
func (s *File) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Keepable reports whether Keep may give the file a lasting name (made by
// CreateKeepable or Resume, not kept yet).
func (s *File) Keepable() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.unlinked && !s.readOnly
}

// Name is the file's name (gone, for a file made by Create).
func (s *File) Name() string { return s.f.Name() }

// Remove closes and removes the file.
func (s *File) Remove() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.f.Close()
	if !s.unlinked {
		if rerr := os.Remove(s.f.Name()); err == nil {
			err = rerr
		}
	}
	return err
}
