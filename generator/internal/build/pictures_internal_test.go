package build

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A dev server's builds keep the pictures' copies in memory, and the next
// build takes them from there instead of making them again (a theme edit
// rebuilds in full, and a large photo's copies take about a second of CPU
// each); the site's cache folder keeps them for its next start.
func TestSessionKeepsPictureCopies(t *testing.T) {
	dir := photoSite(t, 2000, 1500)
	ctx, now := context.Background(), time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	sess := NewSession(Options{Source: dir})
	if _, err := sess.Full(ctx, now); err != nil {
		t.Fatal(err)
	}
	if n := len(sess.opt.copies.m); n != 2 {
		t.Fatalf("the session keeps %d copies, want the picture's 2", n)
	}
	for k := range sess.opt.copies.m {
		if strings.HasSuffix(k, "-960.jpg") {
			sess.opt.copies.m[k] = []byte("from memory")
		}
	}
	if _, err := sess.Full(ctx, now); err != nil {
		t.Fatal(err)
	}
	got, ok := sess.Files().Data("_pictures/en/street.960w.jpg")
	if !ok || string(got) != "from memory" {
		t.Errorf("the second build's copy: %q %v; want the one kept in memory", got[:min(len(got), 20)], ok)
	}
	// the site's cache folder keeps them for the next start, beside a
	// command's builds
	kept, _ := filepath.Glob(filepath.Join(dir, SiteCache, copiesFolder, "*"))
	if len(kept) != 2 {
		t.Fatalf("the cache folder keeps %v, want the two copies", kept)
	}
	for _, k := range kept {
		if err := os.WriteFile(k, []byte("from the disk"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	next := NewSession(Options{Source: dir})
	if _, err := next.Full(ctx, now); err != nil {
		t.Fatal(err)
	}
	if got, _ := next.Files().Data("_pictures/en/street.960w.jpg"); string(got) != "from the disk" {
		t.Errorf("a new session made its copy again (%d bytes) instead of taking the cache folder's", len(got))
	}
}

// A command's build renews the cached copies it uses and removes from the
// cache folder those no build used for copiesMaxAge (a picture replaced
// long ago); a copy unused for less time stays (another branch's).
func TestBuildPrunesOldCopies(t *testing.T) {
	dir := photoSite(t, 1300, 900)
	cache := filepath.Join(t.TempDir(), "cache")
	opt := Options{Source: dir, Dest: filepath.Join(t.TempDir(), "public"), CacheDir: cache, Full: true, Now: time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(cache, copiesFolder)
	used, _ := filepath.Glob(filepath.Join(folder, "*"))
	if len(used) != 1 {
		t.Fatalf("the cache keeps %v, want the picture's one copy", used)
	}
	longAgo, lately := time.Now().Add(-copiesMaxAge-time.Hour), time.Now().Add(-time.Hour)
	old, recent := filepath.Join(folder, "0123-v1-960.jpg"), filepath.Join(folder, "4567-v1-960.jpg")
	for p, at := range map[string]time.Time{old: longAgo, recent: lately, used[0]: longAgo} {
		if p != used[0] {
			if err := os.WriteFile(p, []byte("a copy"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("a copy no build used for longer than copiesMaxAge is still there")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("a copy unused for an hour was removed: %v", err)
	}
	if info, err := os.Stat(used[0]); err != nil || info.ModTime().Before(lately) {
		t.Errorf("the copy the build used: %v, not renewed", err)
	}
}

// photoSite writes a site whose home page shows a JPEG of width by height
// pixels, and returns its folder.
func photoSite(t *testing.T, width, height int) string {
	t.Helper()
	dir := t.TempDir()
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, image.NewGray(image.Rect(0, 0, width, height)), nil); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"config.toml":           []byte("baseURL = \"https://example.org/\"\ntitle = \"T\"\ndefaultLanguage = \"en\"\n[languages.en]\nname = \"English\"\n"),
		"content/en/_index.md":  []byte("---\ntitle: Home\n---\n![The street](street.jpg)\n"),
		"content/en/street.jpg": photo.Bytes(),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A build without a cache folder (--cache off) makes a picture's copies
// once: its offline copy takes them from it, as does a second file of the
// same picture; --timings tells how many were made.
func TestBuildWithoutCacheMakesCopiesOnce(t *testing.T) {
	dir := photoSite(t, 2000, 1500)
	data, err := os.ReadFile(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	photo, err := os.ReadFile(filepath.Join(dir, "content", "en", "street.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	page := "---\ntitle: Again\n---\n![The same street](square.jpg)\n"
	for name, data := range map[string][]byte{
		"config.toml":           append(data, "[offline]\nzip = true\n"...),
		"content/en/again.md":   []byte(page),
		"content/en/square.jpg": photo,
	} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Build(context.Background(), Options{Source: dir, SearchInMemory: true, Now: time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, tm := range res.Timings {
		notes[tm.Stage] = tm.Note
	}
	if want := "smaller copies of 2 pictures: 1 made, 1 taken from earlier builds or the same picture"; notes["static"] != want {
		t.Errorf("static: %q, want %q", notes["static"], want)
	}
	if strings.Contains(notes["offline zip"], "made again") {
		t.Errorf("offline zip: %q, want the copies taken from the build's", notes["offline zip"])
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "offline.zip")); err != nil {
		t.Error(err)
	}
}

// A build without a cache folder keeps its copies in memory only for an
// offline copy to come: without one, they are written and let go.
func TestCopiesKeptInMemoryOnlyForAnOfflineCopy(t *testing.T) {
	for _, zip := range []bool{false, true} {
		dir := photoSite(t, 2000, 1500)
		if zip {
			f, err := os.OpenFile(filepath.Join(dir, "config.toml"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString("[offline]\nzip = true\n"); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
		_, w, err := run(context.Background(), Options{Source: dir, SearchInMemory: true, Now: time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(w.opt.copies.m); zip != (n == 2) || !zip && n != 0 {
			t.Errorf("offline zip %v: %d copies kept in memory", zip, n)
		}
	}
}
