package outdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const manifest = `{"name": "T", "version": "abc", "files": []}`

func TestCheckReplaceable(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "mydocs", "thesis.txt"), "years of work")
	write(t, filepath.Join(dir, "fake", MarkerFile), `{"not": "ours"}`)
	write(t, filepath.Join(dir, "built", MarkerFile), manifest)
	write(t, filepath.Join(dir, "files-first", MarkerFile), `{"files": [{"path": "a"}], "name": "T", "version": "abc"}`)
	write(t, filepath.Join(dir, "no-version", MarkerFile), `{"name": "T", "version": "", "files": []}`)
	write(t, filepath.Join(dir, "null-files", MarkerFile), `{"version": "abc", "files": null}`)
	write(t, filepath.Join(dir, "not-json", MarkerFile), `version: abc`)
	write(t, filepath.Join(dir, "a-file"), "x")
	os.Mkdir(filepath.Join(dir, "empty"), 0o755)
	os.Symlink(filepath.Join(dir, "built"), filepath.Join(dir, "link"))
	for name, want := range map[string]string{
		"mydocs":      "did not write",
		"fake":        "did not write",
		"a-file":      "not a folder",
		"link":        "symbolic link",
		"built":       "",
		"files-first": "",
		"no-version":  "did not write",
		"null-files":  "did not write",
		"not-json":    "did not write",
		"empty":       "",
		"missing":     "",
	} {
		err := CheckReplaceable(filepath.Join(dir, name))
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: refused: %v", name, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: got %v, want an error saying %q", name, err, want)
		}
	}
}

func TestCheckApart(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site", "public")
	os.MkdirAll(src, 0o755)
	os.Symlink(filepath.Join(dir, "site"), filepath.Join(dir, "alias"))
	t.Chdir(src)
	for _, dest := range []string{".", src + "/", filepath.Join(src, "copy"), filepath.Join(dir, "site"), dir, filepath.Join(dir, "alias", "public", "x")} {
		if err := CheckApart(dest, src); err == nil {
			t.Errorf("dest %s accepted for source %s", dest, src)
		}
	}
	if err := CheckApart(filepath.Join(dir, "copy"), src); err != nil {
		t.Errorf("a folder beside the source refused: %v", err)
	}
}

// stageSite stages a version holding one file.
func stageSite(t *testing.T, s *Staging, content string) {
	t.Helper()
	write(t, filepath.Join(s.Dir(), MarkerFile), manifest)
	write(t, filepath.Join(s.Dir(), "index.html"), content)
}

// leftovers lists what sits beside dest apart from dest itself.
func leftovers(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dest) {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestCommitSwapsAndLeavesNothingBehind(t *testing.T) {
	for _, two := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		for _, v := range []string{"v1", "v2", "v3"} {
			s, err := New(dest)
			if err != nil {
				t.Fatal(err)
			}
			s.twoRenames = two
			stageSite(t, s, v)
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, filepath.Join(dest, "index.html")); got != v {
				t.Errorf("two renames %v: dest holds %q, want %q", two, got, v)
			}
			if l := leftovers(t, dest); len(l) > 0 {
				t.Errorf("two renames %v: left beside the destination: %v", two, l)
			}
		}
	}
}

func TestAbortKeepsTheDestination(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, filepath.Join(dest, "index.html"), "old")
	write(t, filepath.Join(dest, MarkerFile), manifest)
	s, err := New(dest)
	if err != nil {
		t.Fatal(err)
	}
	stageSite(t, s, "new")
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dest, "index.html")); got != "old" {
		t.Errorf("dest holds %q after Abort", got)
	}
	if l := leftovers(t, dest); len(l) > 0 {
		t.Errorf("left beside the destination: %v", l)
	}
}

// A run killed between the two renames leaves the destination moved aside
// into the staging folder; the next run puts it back.
func TestRecoverPutsBackADestinationMovedAside(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, filepath.Join(dest, "index.html"), "old")
	s, err := New(dest)
	if err != nil {
		t.Fatal(err)
	}
	stageSite(t, s, "new")
	if err := os.Rename(dest, filepath.Join(s.wrap, oldDir)); err != nil { // the first rename, then the crash
		t.Fatal(err)
	}
	s.Release()
	if err := Recover(dest); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dest, "index.html")); got != "old" {
		t.Errorf("dest holds %q after Recover", got)
	}
	if l := leftovers(t, dest); len(l) > 0 {
		t.Errorf("left beside the destination: %v", l)
	}
}

func TestRecoverRemovesOnlyAbandonedStagingOfItsOwn(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	// an abandoned staging folder of a killed build
	dead, err := New(dest)
	if err != nil {
		t.Fatal(err)
	}
	stageSite(t, dead, "half")
	dead.Release()
	// a build still running
	live, err := New(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Abort()
	// lookalikes that are not oersite's, or not this destination's
	write(t, filepath.Join(root, ".public.oersite-build-000000000000", "thesis.txt"), "mine")
	write(t, filepath.Join(root, ".public.oersite-build-111111111111", markerName), markerTitle+": ...\ndest: /elsewhere\n")
	write(t, filepath.Join(root, ".public.tmp-0123456789ab", "page.html"), "an old oersite's, without marker")
	if err := Recover(dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead.wrap); err == nil {
		t.Error("the abandoned staging folder is still there")
	}
	if _, err := os.Stat(live.Dir()); err != nil {
		t.Errorf("the running build's staging folder was removed: %v", err)
	}
	for _, keep := range []string{".public.oersite-build-000000000000/thesis.txt", ".public.oersite-build-111111111111", ".public.tmp-0123456789ab/page.html"} {
		if _, err := os.Stat(filepath.Join(root, keep)); err != nil {
			t.Errorf("%s was removed", keep)
		}
	}
}

func TestResumeKeepsWorkAndRefusesASecondRun(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "copy")
	s, err := Resume(dest)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir(), "big.pdf"), "verified")
	if _, err := Resume(dest); err == nil || !strings.Contains(err.Error(), "another oersite") {
		t.Errorf("a second run got %v", err)
	}
	s.Release() // interrupted
	s2, err := Resume(dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(s2.Dir(), "big.pdf")); got != "verified" {
		t.Errorf("resumed staging lost its files: %q", got)
	}
	if err := s2.Commit(); err != nil {
		t.Fatal(err)
	}
	if l := leftovers(t, dest); len(l) > 0 {
		t.Errorf("left beside the destination: %v", l)
	}
}

// TestRecoverRemovesStagingKilledBeforeItsMarker: a build killed between
// making its staging folder and naming it by its marker left a folder
// without marker, which stayed beside the output for good (seen in
// TestKilledBuildsLeaveTheDestinationWhole under load). Such a folder goes
// when it is empty or holds only an unlocked marker being written for dest;
// one a running build still locks, or naming another folder, stays.
func TestRecoverRemovesStagingKilledBeforeItsMarker(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	abs, err := Resolve(dest)
	if err != nil {
		t.Fatal(err)
	}
	tmp := markerName + ".tmp"
	empty := filepath.Join(root, ".public.oersite-build-aaaaaaaaaaaa")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, ".public.oersite-build-bbbbbbbbbbbb", tmp), "")
	write(t, filepath.Join(root, ".public.oersite-build-cccccccccccc", tmp), markerTitle+": ...\ndest: "+abs+"\n")
	write(t, filepath.Join(root, ".public.oersite-build-dddddddddddd", tmp), markerTitle+": ...\ndest: /elsewhere\n")
	locked := filepath.Join(root, ".public.oersite-build-eeeeeeeeeeee", tmp)
	write(t, locked, "")
	held, err := os.Open(locked)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if err := lock(held); err != nil {
		t.Fatal(err)
	}
	if err := Recover(dest); err != nil {
		t.Fatal(err)
	}
	for name, kept := range map[string]bool{"aaaaaaaaaaaa": false, "bbbbbbbbbbbb": false, "cccccccccccc": false, "dddddddddddd": true, "eeeeeeeeeeee": true} {
		_, err := os.Stat(filepath.Join(root, ".public.oersite-build-"+name))
		if (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
}
