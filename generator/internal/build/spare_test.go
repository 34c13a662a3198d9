package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// spareOf returns the previous output a patch build kept in cache, if any.
func spareOf(t *testing.T, cache string) string {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(cache, "builds", "*.spare"))
	switch len(found) {
	case 0:
		return ""
	case 1:
		return found[0]
	}
	t.Fatalf("%d spares in the cache: %v", len(found), found)
	return ""
}

// A patch build keeps the output's previous version in the cache, and the
// next patch build stages from it, changing only the paths the last one
// wrote: the output is the one a fresh build writes, edit after edit. A
// full build removes the spare.
func TestPatchBuildsStageFromThePreviousVersion(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, now)
	if spareOf(t, cache) != "" {
		t.Fatal("a full build kept a spare")
	}
	for i, text := range []string{"We teach in small groups.", "We meet on Tuesdays.", "Bring a phone."} {
		time.Sleep(10 * time.Millisecond) // a later modification time, where the clock is coarse
		appendText(t, dir, "content/en/about.md", text)
		res := buildInto(t, dir, dest, cache, now)
		if res.Patched == 0 {
			t.Fatalf("edit %d: not patched", i+1)
		}
		note := timingNote(res, "link last")
		if fromSpare := strings.Contains(note, "previous version, kept in the cache"); fromSpare != (i > 0) {
			t.Errorf("edit %d: link last says %q", i+1, note)
		}
		if spareOf(t, cache) == "" {
			t.Errorf("edit %d: no spare kept", i+1)
		}
		if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, now)); !ok {
			t.Fatalf("edit %d: the output is not what a fresh build writes: %s", i+1, why)
		}
	}
	replaceText(t, dir, "content/en/about.md", "title: About us", "title: About us and our work")
	if res := buildInto(t, dir, dest, cache, now); res.Patched != 0 {
		t.Fatal("a title edit was patched")
	}
	if s := spareOf(t, cache); s != "" {
		t.Errorf("a full build left the spare %s", s)
	}
}

// A spare changed since the build that kept it (a file added, one
// removed) is not taken: the patch build links every file of the output
// instead, and writes what a fresh build writes.
func TestChangedSpareIsNotTaken(t *testing.T) {
	for _, change := range []struct {
		name string
		do   func(t *testing.T, spare string)
	}{
		{"a file added", func(t *testing.T, spare string) {
			write(t, filepath.Join(spare, "en", "about", "extra.html"), "not ours")
		}},
		{"a file removed", func(t *testing.T, spare string) {
			if err := os.Remove(filepath.Join(spare, "en", "index.html")); err != nil {
				t.Fatal(err)
			}
		}},
		{"the spare removed", func(t *testing.T, spare string) {
			if err := os.RemoveAll(spare); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(change.name, func(t *testing.T) {
			dir := writeSite(t, unchangedSite)
			dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
			buildInto(t, dir, dest, cache, now)
			appendText(t, dir, "content/en/about.md", "We teach in small groups.")
			buildInto(t, dir, dest, cache, now)
			spare := spareOf(t, cache)
			if spare == "" {
				t.Fatal("no spare kept")
			}
			time.Sleep(10 * time.Millisecond)
			change.do(t, spare)
			appendText(t, dir, "content/en/about.md", "We meet on Tuesdays.")
			res := buildInto(t, dir, dest, cache, now)
			if res.Patched == 0 {
				t.Fatal("not patched")
			}
			if note := timingNote(res, "link last"); strings.Contains(note, "previous version") {
				t.Errorf("the changed spare was taken: %q", note)
			}
			if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, now)); !ok {
				t.Fatalf("the output is not what a fresh build writes: %s", why)
			}
		})
	}
}
