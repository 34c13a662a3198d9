package outdir

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// The layout of a staging folder, beside the destination DEST:
//
//	.DEST.oersite-build-<random>/   a build's (or .DEST.oersite-mirror/, a mirror's, reused to resume)
//	  oersite-staging               the marker: says whose it is, locked while a run uses it
//	  new/                          the next version, swapped in by Commit
//	  old/                          the previous version, while two renames swap them
//	  discarded-<random>/           what a run moved in to be removed with the folder
//
// Only a folder with that name holding that marker, naming DEST and not
// locked by a running oersite, is ever repaired or removed by Recover.
const (
	markerName  = "oersite-staging"
	markerTitle = "oersite staging folder"
	newDir      = "new"
	oldDir      = "old"
	mirrorKind  = "mirror"
)

// errNoExchange says the system cannot swap two folders in one step.
var errNoExchange = errors.New("atomic exchange not supported")

var stagingName = regexp.MustCompile(`^\.(.+)\.oersite-(build-[0-9a-f]{12}|mirror)$`)

// Staging is a folder beside a destination in which its next version is
// assembled. The destination is untouched until Commit.
type Staging struct {
	dest string // absolute, resolved
	wrap string
	kind string // "build-<hex>" or "mirror"
	lock *os.File
	// twoRenames turns off the atomic exchange (tests of the fallback).
	twoRenames bool
}

// New prepares a fresh staging folder for dest, after repairing what an
// interrupted run left there (Recover).
func New(dest string) (*Staging, error) {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	return open(dest, "build-"+hex.EncodeToString(rnd[:]), false)
}

// Resume opens the one staging folder of dest that outlives an interrupted
// run (a mirror's), so that what it already holds can be reused. It refuses
// when another run is using it.
func Resume(dest string) (*Staging, error) { return open(dest, mirrorKind, true) }

func open(dest, kind string, reuse bool) (*Staging, error) {
	abs, err := Resolve(dest)
	if err != nil {
		return nil, err
	}
	if filepath.Dir(abs) == abs {
		return nil, fmt.Errorf("destination %s is the root of the file system; choose a folder", dest)
	}
	if err := Recover(abs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, err
	}
	s := &Staging{dest: abs, kind: kind, wrap: filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".oersite-"+kind)}
	err = os.Mkdir(s.wrap, 0o755)
	switch {
	case err == nil:
		if err := s.mark(); err != nil {
			os.RemoveAll(s.wrap)
			return nil, err
		}
	case reuse && errors.Is(err, fs.ErrExist):
		if err := s.adopt(); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	if err := os.MkdirAll(s.Dir(), 0o755); err != nil {
		s.Release()
		return nil, err
	}
	return s, nil
}

// mark writes the marker into a new staging folder, locked before it gets
// its name, so that no other run ever sees it unlocked while in use.
func (s *Staging) mark() error {
	tmp := filepath.Join(s.wrap, markerName+".tmp")
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := lock(f); err != nil {
		f.Close()
		return err
	}
	text := markerTitle + ": it holds the next version of the folder below while oersite\n" +
		"builds or mirrors it, and is removed when that run ends. It is safe to delete\n" +
		"when no oersite runs.\n" +
		"dest: " + s.dest + "\n"
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	if err := os.Rename(tmp, filepath.Join(s.wrap, markerName)); err != nil {
		f.Close()
		return err
	}
	s.lock = f
	return nil
}

// adopt takes over an existing resumable staging folder.
func (s *Staging) adopt() error {
	f, ok := ownMarker(s.wrap, s.dest)
	if !ok {
		return fmt.Errorf("%s exists but is not an oersite staging folder of %s; move it away", s.wrap, s.dest)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		return fmt.Errorf("another oersite is writing %s (it holds %s); wait for it to finish", s.dest, s.wrap)
	}
	s.lock = f
	return nil
}

// Dir is the folder to write the next version into.
func (s *Staging) Dir() string { return filepath.Join(s.wrap, newDir) }

// Dest is the destination, absolute.
func (s *Staging) Dest() string { return s.dest }

// Commit makes the staged version the destination (Swap), then removes
// the previous version (Remove).
func (s *Staging) Commit() error {
	if err := s.Swap(); err != nil {
		return err
	}
	return s.Remove()
}

// Swap makes the staged version the destination: in one atomic exchange
// where the system has one (Linux, macOS), else in two renames whose
// interruption the next run repairs. The previous version stays in the
// staging folder until Remove (or the next run) removes it.
func (s *Staging) Swap() error {
	next := s.Dir()
	if _, err := os.Lstat(s.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(next, s.dest); err != nil {
			return fmt.Errorf("cannot move the new version into place: %w", err)
		}
		return nil
	}
	err := errNoExchange
	if !s.twoRenames {
		err = exchange(next, s.dest)
	}
	if errors.Is(err, errNoExchange) {
		err = s.swapInTwoRenames()
	}
	if err != nil {
		return fmt.Errorf("cannot move the new version into place: %w", err)
	}
	return nil
}

// Remove deletes the staging folder, with the previous version a Swap left
// in it.
func (s *Staging) Remove() error { return s.remove() }

// Adopt makes tree, a folder on the destination's file system holding an
// earlier version of it, the version being staged: it is moved into the
// staging folder in place of the empty one New made, and belongs to the
// staging folder from then on (Abort removes it).
func (s *Staging) Adopt(tree string) error {
	if err := os.Remove(s.Dir()); err != nil {
		return err
	}
	return os.Rename(tree, s.Dir())
}

// KeepPrevious moves the previous version a Swap left in the staging
// folder to path, a place on the same file system that does not exist,
// instead of letting Remove delete it.
func (s *Staging) KeepPrevious(path string) error {
	prev := s.Dir() // after an exchange
	if _, err := os.Lstat(prev); err != nil {
		prev = filepath.Join(s.wrap, oldDir) // after two renames
	}
	return os.Rename(prev, path)
}

// Discard moves path, a folder or file on the destination's file system,
// into the staging folder, for Remove (or the next run) to delete with it.
func (s *Staging) Discard(path string) error {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	return os.Rename(path, filepath.Join(s.wrap, "discarded-"+hex.EncodeToString(rnd[:])))
}

// swapInTwoRenames moves the destination aside into the staging folder and
// the new version into its place.
func (s *Staging) swapInTwoRenames() error {
	old := filepath.Join(s.wrap, oldDir)
	if err := os.Rename(s.dest, old); err != nil {
		return err
	}
	if err := os.Rename(s.Dir(), s.dest); err != nil {
		_ = os.Rename(old, s.dest)
		return err
	}
	return nil
}

// Abort removes the staging folder; the destination stays as it was.
func (s *Staging) Abort() error { return s.remove() }

// AbortWithin is Abort for a run that was told to stop: it waits at most d
// for the staging folder to go and reports whether it went. What is left
// when the process ends keeps its marker, for the next run to remove.
func (s *Staging) AbortWithin(d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		_ = s.remove()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// Release unlocks the staging folder and leaves it, for a later Resume.
func (s *Staging) Release() {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}

// remove deletes the staging folder, its marker last, then unlocks it.
func (s *Staging) remove() error {
	defer s.Release()
	return removeStaging(s.wrap)
}

// removeStaging deletes a staging folder: its contents, then the marker,
// then the folder, so that a folder left half-removed stays recognisable.
func removeStaging(wrap string) error {
	entries, err := os.ReadDir(wrap)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if e.Name() != markerName {
			errs = append(errs, RemoveAll(filepath.Join(wrap, e.Name())))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(wrap, markerName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Remove(wrap)
}

// Recover repairs and cleans what interrupted runs left beside dest: a
// previous version moved aside by a swap that did not finish is put back
// when dest is missing, and staging folders no running oersite holds are
// removed (a mirror's keeps its new files for the next run to reuse).
// Folders it cannot recognise as oersite's own, for dest, are left alone.
func Recover(dest string) error {
	abs, err := Resolve(dest)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		m := stagingName.FindStringSubmatch(e.Name())
		if m == nil || m[1] != base || !e.IsDir() {
			continue
		}
		errs = append(errs, recoverOne(filepath.Join(parent, e.Name()), abs, m[2] == mirrorKind))
	}
	return errors.Join(errs...)
}

func recoverOne(wrap, dest string, resumable bool) error {
	f, ok := ownMarker(wrap, dest)
	if !ok {
		return removeUnmarked(wrap, dest)
	}
	defer f.Close()
	if tryLock(f) != nil {
		return nil // a running oersite uses it
	}
	old := filepath.Join(wrap, oldDir)
	if _, err := os.Lstat(old); err == nil {
		if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(old, dest); err != nil {
				return fmt.Errorf("cannot put back the previous version of %s from %s: %w", dest, old, err)
			}
		}
	}
	if resumable {
		return RemoveAll(old)
	}
	return removeStaging(wrap)
}

// ownMarker opens the marker of a staging folder when it is oersite's and
// names dest.
func ownMarker(wrap, dest string) (*os.File, bool) {
	f, _, ok := openMarker(filepath.Join(wrap, markerName))
	if !ok {
		return nil, false
	}
	if !namesDest(f, dest) {
		f.Close()
		return nil, false
	}
	return f, true
}

// openMarker opens a marker file: a regular file of at most 4 KB.
func openMarker(p string) (f *os.File, size int64, ok bool) {
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() > 4096 {
		return nil, 0, false
	}
	f, err = os.Open(p)
	if err != nil {
		return nil, 0, false
	}
	return f, info.Size(), true
}

// namesDest reports whether a marker's text is oersite's and names dest.
func namesDest(f *os.File, dest string) bool {
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first && !strings.HasPrefix(line, markerTitle+":") {
			return false
		}
		first = false
		if d, ok := strings.CutPrefix(line, "dest: "); ok && d == dest {
			return true
		}
	}
	return false
}

// removeUnmarked removes a staging folder of dest that a run killed while
// making it left without its marker: empty, or holding only the marker
// being written (empty, or naming dest) that no running oersite locks.
// Anything else in such a folder leaves it alone.
func removeUnmarked(wrap, dest string) error {
	entries, err := os.ReadDir(wrap)
	switch {
	case err != nil || len(entries) > 1:
		return nil
	case len(entries) == 0:
		_ = os.Remove(wrap) // fails, harmlessly, if a run has just put its marker in
		return nil
	case entries[0].Name() != markerName+".tmp":
		return nil
	}
	tmp := filepath.Join(wrap, entries[0].Name())
	f, size, ok := openMarker(tmp)
	if !ok {
		return nil
	}
	defer f.Close()
	if size > 0 && !namesDest(f, dest) || tryLock(f) != nil {
		return nil
	}
	if err := os.Remove(tmp); err != nil {
		return err
	}
	return os.Remove(wrap)
}

// RemoveAll removes a tree, its top-level entries in parallel: a previous
// build may hold tens of thousands of files.
func RemoveAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return os.RemoveAll(dir)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(entries))
	sem := make(chan struct{}, 8)
	for i, e := range entries {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			errs[i] = os.RemoveAll(filepath.Join(dir, e.Name()))
			<-sem
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.Remove(dir)
}
