package spill

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/outdir"
)

// What is written comes back, from any goroutine, also while other
// writes are still buffered; the file is gone once removed.
func TestWrittenBytesComeBack(t *testing.T) {
	dir := t.TempDir()
	s, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, 200)
	spans := make([]Span, len(want))
	var wg sync.WaitGroup
	for i := range want {
		want[i] = strings.Repeat(string(rune('a'+i%26)), i*97)
		wg.Go(func() {
			if i%2 == 0 {
				spans[i] = s.WriteString(want[i])
			} else {
				spans[i] = s.Write([]byte(want[i]))
			}
		})
	}
	wg.Wait()
	for i := range want {
		wg.Go(func() {
			if got := s.String(spans[i]); got != want[i] {
				t.Errorf("span %d: read %d bytes, want %d", i, len(got), len(want[i]))
			}
		})
	}
	wg.Wait()
	late := s.WriteString("written after the reads began")
	if got := s.String(late); got != "written after the reads began" {
		t.Errorf("a later write read back as %q", got)
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}

// A read that fails is remembered: the build that read it must fail.
func TestFailedReadIsKept(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sp := s.WriteString("some HTML")
	s.Remove()
	if got := s.String(sp); got != "" {
		t.Errorf("read %q from a closed file", got)
	}
	if err := s.Err(); err == nil {
		t.Error("the failed read was not kept")
	}
}

// A spill file leaves nothing behind once created (where the system lets
// an open file's name go); one left by a build killed long ago is removed.
func TestNothingIsLeftBehind(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, Prefix+"killed")
	if err := os.WriteFile(old, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-outdir.StaleAfter - time.Hour)
	os.Chtimes(old, past, past)
	s, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Remove()
	s.WriteString("held")
	left, _ := os.ReadDir(dir)
	if len(left) > 0 && runtime.GOOS != "windows" {
		t.Errorf("left %v", left)
	}
}

// A kept file keeps what was written where it was; a file that starts as
// a copy of it finds the same bytes at the same spans, and what is added
// after them.
func TestKeptFileAndItsCopy(t *testing.T) {
	dir := t.TempDir()
	s, err := CreateKeepable(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.WriteString("first page"), s.Write([]byte("second page"))
	kept := filepath.Join(dir, "kept.bodies")
	if err := s.Keep(kept); err != nil {
		t.Fatal(err)
	}
	s.Remove() // closes it; the kept file stays
	old, err := Open(kept)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Remove()
	if got := old.String(b); got != "second page" {
		t.Errorf("kept file: %q", got)
	}
	next, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer next.Remove()
	if err := next.CopyFrom(old, b.Off); err != nil { // all but the second page
		t.Fatal(err)
	}
	c := next.WriteString("third page")
	if got := next.String(a) + "|" + next.String(c); got != "first page|third page" || c.Off != b.Off {
		t.Errorf("copy: %q, third page at %d", got, c.Off)
	}
	if old.WriteString("x"); old.Err() == nil {
		t.Error("a file opened to read took a write")
	}
}

// A kept file resumed by the next build holds what it held before the cut,
// is written on from there, and can be kept again under another name; its
// old name is gone (the last record's no longer), nothing copied.
func TestResumedKeptFile(t *testing.T) {
	dir := t.TempDir()
	s, err := CreateKeepable(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.WriteString("first page"), s.WriteString("second page")
	kept := filepath.Join(dir, "kept.bodies")
	if err := s.Keep(kept); err != nil {
		t.Fatal(err)
	}
	s.Remove()
	old, err := Open(kept)
	if err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-7 * 24 * time.Hour)
	if err := os.Chtimes(kept, long, long); err != nil { // kept a week ago
		t.Fatal(err)
	}
	next, err := Resume(old, dir, b.Off) // all but the second page
	old.Remove()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kept); !os.IsNotExist(err) {
		t.Error("the resumed file still has its kept name")
	}
	if fresh, err := CreateKeepable(dir); err == nil { // removes the files killed builds left
		fresh.Remove()
	}
	c := next.WriteString("third page")
	if got := next.String(a) + "|" + next.String(c); got != "first page|third page" || c.Off != b.Off || next.Size() != c.Off+c.Len {
		t.Errorf("resumed: %q, third page at %d, size %d", got, c.Off, next.Size())
	}
	again := filepath.Join(dir, "again.bodies")
	if !next.Keepable() || next.Keep(again) != nil {
		t.Fatal("the resumed file could not be kept")
	}
	next.Remove()
	if data, _ := os.ReadFile(again); string(data) != "first pagethird page" {
		t.Errorf("kept again: %q", data)
	}
	if _, err := Resume(next, dir, 0); err == nil {
		t.Error("a file not opened to read was resumed")
	}
}
